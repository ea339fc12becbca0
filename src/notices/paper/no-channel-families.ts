import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { classes, noticeReceipts, noticeRecipients, outbox, students } from '../../db/schema.js';
import type { AppDeps } from '../../platform/ports.js';

export interface PaperFamily {
  recipient: typeof noticeRecipients.$inferSelect;
  studentName: string;
  studentNumber: string;
  className: string;
  /** The paper receipt already recorded for this family, if any. */
  receiptId: string | null;
}

/**
 * The families of a sent version no channel reaches (their only outbox row is no_channel), in the given
 * classes: the ones to give a paper 明白卡, and whose signed slip is then recorded here.
 */
export async function noChannelFamilies(
  deps: Pick<AppDeps, 'database'>,
  versionId: string,
  classIds: readonly string[],
): Promise<PaperFamily[]> {
  if (classIds.length === 0) return [];
  const rows = await deps.database.db
    .select({
      recipient: noticeRecipients,
      studentName: students.name,
      studentNumber: students.studentNumber,
      className: classes.name,
      receiptId: noticeReceipts.id,
    })
    .from(noticeRecipients)
    .innerJoin(students, eq(students.id, noticeRecipients.studentId))
    .innerJoin(classes, eq(classes.id, noticeRecipients.classId))
    .leftJoin(
      noticeReceipts,
      and(
        eq(noticeReceipts.versionId, noticeRecipients.versionId),
        eq(noticeReceipts.studentId, noticeRecipients.studentId),
        eq(noticeReceipts.guardianKey, noticeRecipients.guardianKey),
      ),
    )
    .where(
      and(
        eq(noticeRecipients.versionId, versionId),
        inArray(noticeRecipients.classId, classIds.slice(0, 90)),
        sql`exists (select 1 from ${outbox} o where o.subject_id = ${noticeRecipients.id} and o.topic = 'notice' and o.status = 'no_channel')`,
        sql`not exists (select 1 from ${outbox} o where o.subject_id = ${noticeRecipients.id} and o.topic = 'notice' and o.status in ('sent', 'delivered'))`,
      ),
    )
    .orderBy(asc(classes.grade), asc(classes.name), asc(students.studentNumber))
    .limit(2000);
  return rows;
}

/** One family of the list, by its recipient id (null when it is not one no channel reaches). */
export async function noChannelFamily(
  deps: Pick<AppDeps, 'database'>,
  versionId: string,
  recipientId: string,
): Promise<PaperFamily | null> {
  const [row] = await deps.database.db
    .select({ classId: noticeRecipients.classId })
    .from(noticeRecipients)
    .where(and(eq(noticeRecipients.id, recipientId), eq(noticeRecipients.versionId, versionId)));
  if (!row) return null;
  const list = await noChannelFamilies(deps, versionId, [row.classId]);
  return list.find((family) => family.recipient.id === recipientId) ?? null;
}
