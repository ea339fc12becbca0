import { type AnyColumn, eq, sql } from 'drizzle-orm';
import { noticeReceipts, noticeRecipients, type noticeVersions } from '../db/schema.js';
import type { AppDeps, AtomicStatement } from '../platform/ports.js';

/** How a receipt was given: what differs between a guardian signing online and a teacher recording paper. */
export interface ReceiptProof {
  id: string;
  channel: 'web' | 'line' | 'wechat' | 'paper';
  /** The comprehension answers as JSON; paper receipts have none. */
  answers: string | null;
  /** When it was signed; null when the version only asks for a confirmation. */
  signedAt: number | null;
  signatureSvgKey?: string;
  signaturePngKey?: string;
  paperPhotoKey?: string;
  /** The staff member who recorded a paper receipt. */
  recordedBy?: string;
}

/**
 * The two writes every receipt makes, for `atomic` beside its audit row: the receipt itself (one per guardian
 * per student per version: a unique index keeps the first, so the insert changes 0 rows when one exists) and
 * the recipient's progress, where earlier steps keep their first time.
 */
export function receiptWrites(
  deps: Pick<AppDeps, 'database'>,
  recipient: typeof noticeRecipients.$inferSelect,
  version: typeof noticeVersions.$inferSelect,
  proof: ReceiptProof,
  now: number,
): [insertReceipt: AtomicStatement, markRecipient: AtomicStatement] {
  const { db } = deps.database;
  const firstTime = (column: AnyColumn) => sql`coalesce(${column}, ${now})`;
  return [
    db
      .insert(noticeReceipts)
      .values({
        id: proof.id,
        noticeId: recipient.noticeId,
        versionId: version.id,
        contentHash: version.contentHash ?? '',
        recipientId: recipient.id,
        schoolId: recipient.schoolId,
        classId: recipient.classId,
        studentId: recipient.studentId,
        guardianKey: recipient.guardianKey,
        guardianId: recipient.guardianId,
        relation: recipient.relation,
        channel: proof.channel,
        answers: proof.answers,
        confirmedAt: now,
        signedAt: proof.signedAt,
        signatureSvgKey: proof.signatureSvgKey ?? null,
        signaturePngKey: proof.signaturePngKey ?? null,
        paperPhotoKey: proof.paperPhotoKey ?? null,
        recordedBy: proof.recordedBy ?? null,
        createdAt: now,
      })
      .onConflictDoNothing(),
    db
      .update(noticeRecipients)
      .set({
        readAt: firstTime(noticeRecipients.readAt),
        understoodAt: firstTime(noticeRecipients.understoodAt),
        confirmedAt: firstTime(noticeRecipients.confirmedAt),
        signedAt:
          proof.signedAt === null ? sql`${noticeRecipients.signedAt}` : firstTime(noticeRecipients.signedAt),
      })
      .where(eq(noticeRecipients.id, recipient.id)),
  ];
}
