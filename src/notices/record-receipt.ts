import { and, eq, sql } from 'drizzle-orm';
import { auditStatement } from '../audit/audit-log.js';
import { noticeReceipts, noticeRecipients } from '../db/schema.js';
import type { AppDeps } from '../platform/ports.js';
import { newId } from '../util/ids.js';
import { receiptWrites } from './receipt-writes.js';
import type { RecipientView } from './recipient-access.js';

export interface ReceiptInput {
  channel: 'web' | 'line' | 'wechat';
  answers: readonly (number | null)[];
  /** Required when the version asks for a signature. */
  signature?: { svg: string; png: Uint8Array };
  ip: string | null;
}

/**
 * Records the guardian's confirmation (and signature) for this version. One receipt per guardian per student
 * per version, enforced by a unique index: submitting again, or twice at once, keeps the first and stores
 * nothing more (a signature uploaded by the losing request is removed again).
 */
export async function recordReceipt(deps: AppDeps, view: RecipientView, input: ReceiptInput) {
  const { db } = deps.database;
  const { recipient, version } = view;
  const now = deps.clock.now();
  const receiptId = newId('rcp_');
  let keys: { svg: string; png: string } | null = null;
  if (input.signature) {
    // A fresh key per attempt: the proof stored with the first receipt is never overwritten.
    const base = `receipts/${version.id}/${recipient.id}-${receiptId}`;
    keys = { svg: `${base}.svg`, png: `${base}.png` };
    await deps.blobs.put(keys.svg, new TextEncoder().encode(input.signature.svg), 'image/svg+xml');
    await deps.blobs.put(keys.png, input.signature.png, 'image/png');
  }
  const [inserted] = await deps.database.atomic([
    ...receiptWrites(
      deps,
      recipient,
      version,
      {
        id: receiptId,
        channel: input.channel,
        answers: JSON.stringify(input.answers),
        signedAt: keys ? now : null,
        signatureSvgKey: keys?.svg,
        signaturePngKey: keys?.png,
      },
      now,
    ),
    auditStatement(deps, {
      actorType: 'guardian',
      actorId: recipient.bindingId,
      action: keys ? 'notice.sign' : 'notice.confirm',
      targetType: 'notice_version',
      targetId: version.id,
      schoolId: recipient.schoolId,
      details: { studentId: recipient.studentId, contentHash: version.contentHash },
      ip: input.ip,
    }),
  ]);
  if (inserted === 0 && keys) {
    await deps.blobs.delete(keys.svg);
    await deps.blobs.delete(keys.png);
  }
  const [receipt] = await db
    .select()
    .from(noticeReceipts)
    .where(
      and(
        eq(noticeReceipts.versionId, version.id),
        eq(noticeReceipts.studentId, recipient.studentId),
        eq(noticeReceipts.guardianKey, recipient.guardianKey),
      ),
    );
  return { receipt: receipt!, created: inserted !== 0 };
}

/** Passing the comprehension check on its own (before confirming) is recorded as "understood". */
export async function markUnderstood(deps: Pick<AppDeps, 'database' | 'clock'>, recipientId: string) {
  const now = deps.clock.now();
  await deps.database.db
    .update(noticeRecipients)
    .set({ understoodAt: sql`coalesce(${noticeRecipients.understoodAt}, ${now})` })
    .where(eq(noticeRecipients.id, recipientId));
}
