import { and, eq, isNull, ne } from 'drizzle-orm';
import { auditStatement } from '../audit/audit-log.js';
import type { StaffActor } from '../auth/staff-actor.js';
import { noticeReceipts, noticeVersions } from '../db/schema.js';
import { abortUnlessChanged, isWriteConflict } from '../db/write-guard.js';
import { jobInsertStatements } from '../delivery/index.js';
import type { AppDeps } from '../platform/ports.js';
import { contentHash } from './content-hash.js';
import { type LoadedNotice, parseVersionContent } from './notice-store.js';
import { whatChanged } from './what-changed.js';

export type SendResult =
  | { ok: true; versionId: string; contentHash: string }
  | { ok: false; reason: 'not_draft' };

/**
 * Sends the draft version: in one atomic write it becomes immutable (status sent, content hash), receipts of
 * earlier versions are marked as for the old content, and the fan-out job is stored. Sending twice sends once.
 */
export async function sendNotice(
  deps: AppDeps,
  actor: StaffActor,
  loaded: LoadedNotice,
  ip: string | null,
): Promise<SendResult> {
  const version = loaded.current;
  if (version.status !== 'draft') return { ok: false, reason: 'not_draft' };
  const content = parseVersionContent(version);
  const hash = await contentHash({
    title: version.title,
    locale: version.locale,
    confirmation: version.confirmation,
    content,
  });
  const previous = loaded.lastSent;
  const changes = previous
    ? whatChanged(
        { title: previous.title, content: parseVersionContent(previous) },
        { title: version.title, content },
      )
    : null;
  const now = deps.clock.now();
  const { db } = deps.database;
  const jobs = jobInsertStatements(deps, [
    { job: { type: 'notice_fanout', versionId: version.id }, idempotencyKey: `notice_fanout:${version.id}` },
  ]);
  try {
    await deps.database.atomic([
      db
        .update(noticeVersions)
        .set({
          status: 'sent',
          contentHash: hash,
          changes: changes ? JSON.stringify(changes) : null,
          sentAt: now,
          sentBy: actor.id,
          updatedAt: now,
        })
        .where(and(eq(noticeVersions.id, version.id), eq(noticeVersions.status, 'draft'))),
      abortUnlessChanged(db),
      db
        .update(noticeReceipts)
        .set({ supersededAt: now })
        .where(
          and(
            eq(noticeReceipts.noticeId, loaded.notice.id),
            ne(noticeReceipts.versionId, version.id),
            isNull(noticeReceipts.supersededAt),
          ),
        ),
      ...jobs.statements,
      auditStatement(deps, {
        actorType: 'staff',
        actorId: actor.id,
        action: 'notice.send',
        targetType: 'notice_version',
        targetId: version.id,
        schoolId: loaded.notice.schoolId,
        details: { noticeId: loaded.notice.id, version: version.version, contentHash: hash },
        ip,
      }),
    ]);
  } catch (error) {
    if (isWriteConflict(error)) return { ok: false, reason: 'not_draft' };
    throw error;
  }
  await deps.queue.dispatch(jobs.dispatched);
  return { ok: true, versionId: version.id, contentHash: hash };
}
