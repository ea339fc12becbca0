import { auditStatement } from '../../audit/audit-log.js';
import type { StaffActor } from '../../auth/staff-actor.js';
import type { noticeVersions } from '../../db/schema.js';
import type { AppDeps } from '../../platform/ports.js';
import { newId } from '../../util/ids.js';
import { receiptWrites } from '../receipt-writes.js';
import type { PaperFamily } from './no-channel-families.js';

/**
 * A paper 回执 the family signed, photographed by the teacher: a receipt with channel "paper", the photo as
 * its proof and the staff member who recorded it. One per family per version, like every receipt: recording
 * again keeps the first (and removes the second photo).
 */
export async function recordPaperReceipt(
  deps: AppDeps,
  actor: StaffActor,
  version: typeof noticeVersions.$inferSelect,
  family: PaperFamily,
  photo: { bytes: Uint8Array; contentType: string },
  ip: string | null,
): Promise<{ created: boolean }> {
  const { recipient } = family;
  const now = deps.clock.now();
  const receiptId = newId('rcp_');
  const key = `receipts/${version.id}/${recipient.id}-paper-${receiptId}`;
  await deps.blobs.put(key, photo.bytes, photo.contentType);
  const [inserted] = await deps.database.atomic([
    ...receiptWrites(
      deps,
      recipient,
      version,
      {
        id: receiptId,
        channel: 'paper',
        answers: null,
        signedAt: now,
        paperPhotoKey: key,
        recordedBy: actor.id,
      },
      now,
    ),
    auditStatement(deps, {
      actorType: 'staff',
      actorId: actor.id,
      action: 'notice.paper_receipt',
      targetType: 'notice_version',
      targetId: version.id,
      schoolId: recipient.schoolId,
      details: { studentId: recipient.studentId, contentHash: version.contentHash },
      ip,
    }),
  ]);
  if (inserted === 0) await deps.blobs.delete(key);
  return { created: inserted !== 0 };
}
