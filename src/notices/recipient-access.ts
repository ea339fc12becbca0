import { and, desc, eq, isNull } from 'drizzle-orm';
import {
  classes,
  noticeReceipts,
  noticeRecipients,
  noticeVersions,
  schools,
  students,
} from '../db/schema.js';
import type { AppDeps } from '../platform/ports.js';
import { type NoticeContent, noticeContentSchema } from './notice-content.js';

export interface RecipientView {
  recipient: typeof noticeRecipients.$inferSelect;
  version: typeof noticeVersions.$inferSelect;
  content: NoticeContent;
  studentName: string;
  className: string;
  schoolName: string;
  receipt: typeof noticeReceipts.$inferSelect | null;
  /** The token of the same family's newest sent version, when this one is no longer the newest. */
  latestToken: string | null;
}

const TOKEN = /^[A-Za-z0-9_-]{20,64}$/;

/** Everything the guardian's page needs, found by the unguessable token of their link (null: no such link). */
export async function recipientByToken(
  deps: Pick<AppDeps, 'database'>,
  token: string,
): Promise<RecipientView | null> {
  if (!TOKEN.test(token)) return null;
  const { db } = deps.database;
  const [row] = await db
    .select({
      recipient: noticeRecipients,
      version: noticeVersions,
      studentName: students.name,
      className: classes.name,
      schoolName: schools.name,
    })
    .from(noticeRecipients)
    .innerJoin(noticeVersions, eq(noticeVersions.id, noticeRecipients.versionId))
    .innerJoin(students, eq(students.id, noticeRecipients.studentId))
    .innerJoin(classes, eq(classes.id, noticeRecipients.classId))
    .innerJoin(schools, eq(schools.id, noticeRecipients.schoolId))
    .where(eq(noticeRecipients.token, token))
    .limit(1);
  if (!row) return null;
  const [receipt] = await db
    .select()
    .from(noticeReceipts)
    .where(
      and(
        eq(noticeReceipts.versionId, row.recipient.versionId),
        eq(noticeReceipts.studentId, row.recipient.studentId),
        eq(noticeReceipts.guardianKey, row.recipient.guardianKey),
      ),
    )
    .limit(1);
  const [latest] = await db
    .select({ token: noticeRecipients.token, version: noticeVersions.version })
    .from(noticeRecipients)
    .innerJoin(noticeVersions, eq(noticeVersions.id, noticeRecipients.versionId))
    .where(
      and(
        eq(noticeRecipients.noticeId, row.recipient.noticeId),
        eq(noticeRecipients.studentId, row.recipient.studentId),
        eq(noticeRecipients.guardianKey, row.recipient.guardianKey),
      ),
    )
    .orderBy(desc(noticeVersions.version))
    .limit(1);
  return {
    ...row,
    content: noticeContentSchema.parse(JSON.parse(row.version.content)),
    receipt: receipt ?? null,
    latestToken: latest && latest.version > row.version.version ? latest.token : null,
  };
}

/** Opening the page is reading it: the first opening is recorded, later ones change nothing. */
export async function markRead(
  deps: Pick<AppDeps, 'database' | 'clock'>,
  recipientId: string,
): Promise<void> {
  await deps.database.db
    .update(noticeRecipients)
    .set({ readAt: deps.clock.now() })
    .where(and(eq(noticeRecipients.id, recipientId), isNull(noticeRecipients.readAt)));
}

/** The previous sent version of the same notice, for "what changed". */
export async function previousSentVersion(
  deps: Pick<AppDeps, 'database'>,
  noticeId: string,
  version: number,
) {
  const rows = await deps.database.db
    .select()
    .from(noticeVersions)
    .where(and(eq(noticeVersions.noticeId, noticeId), eq(noticeVersions.status, 'sent')))
    .orderBy(desc(noticeVersions.version));
  return rows.find((row) => row.version < version) ?? null;
}
