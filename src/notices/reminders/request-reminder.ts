import { auditStatement } from '../../audit/audit-log.js';
import type { StaffActor } from '../../auth/staff-actor.js';
import { noticeReminderRounds } from '../../db/schema.js';
import { jobInsertStatements } from '../../delivery/index.js';
import type { AppDeps } from '../../platform/ports.js';
import { newId } from '../../util/ids.js';
import { nextSendableTime } from './quiet-hours.js';

export interface ReminderRequest {
  noticeId: string;
  versionId: string;
  schoolId: string;
  classIds: readonly string[];
}

/**
 * Stores a reminder round and its job, due now or, inside quiet hours, when they end. Returns when it will go.
 * A staff member's tap is audited; a scheduled round has a fixed id so the scheduler creates it once.
 */
export async function requestReminder(
  deps: AppDeps,
  request: ReminderRequest,
  by: { actor: StaffActor; ip: string | null } | { scheduledId: string },
): Promise<{ roundId: string; runAt: number }> {
  const now = deps.clock.now();
  const runAt = nextSendableTime(now, deps.config.TIME_ZONE, deps.config.QUIET_HOURS);
  const roundId = 'scheduledId' in by ? by.scheduledId : newId('rmr_');
  const { db } = deps.database;
  const job = jobInsertStatements(deps, [
    { job: { type: 'notice_reminder', roundId }, idempotencyKey: `notice_reminder:${roundId}`, runAt },
  ]);
  await deps.database.atomic([
    db
      .insert(noticeReminderRounds)
      .values({
        id: roundId,
        noticeId: request.noticeId,
        versionId: request.versionId,
        kind: 'scheduledId' in by ? 'scheduled' : 'manual',
        classIds: JSON.stringify(request.classIds),
        requestedBy: 'actor' in by ? by.actor.id : null,
        status: 'waiting',
        createdAt: now,
      })
      .onConflictDoNothing(),
    ...job.statements,
    ...('actor' in by
      ? [
          auditStatement(deps, {
            actorType: 'staff',
            actorId: by.actor.id,
            action: 'notice.remind',
            targetType: 'notice_version',
            targetId: request.versionId,
            schoolId: request.schoolId,
            details: { roundId, classIds: request.classIds, runAt },
            ip: by.ip,
          }),
        ]
      : []),
  ]);
  await deps.queue.dispatch(job.dispatched);
  return { roundId, runAt };
}
