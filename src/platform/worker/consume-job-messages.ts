import { eq } from 'drizzle-orm';
import { jobs } from '../../db/schema.js';
import { claimJob, type JobHandler, markJobDead, runClaimedJob } from '../../delivery/index.js';
import type { AppDeps } from '../ports.js';

const delaySeconds = (until: number, now: number) =>
  Math.min(43_200, Math.max(1, Math.ceil((until - now) / 1000)));

/**
 * The Queue consumer: each message names a job row. The row is claimed (so a message delivered twice runs
 * the job once), run, and the message acked, or retried after the job's backoff. A job out of attempts is
 * dead in the table and its message acked.
 */
export async function consumeJobMessages(
  deps: Pick<AppDeps, 'database' | 'clock' | 'logger'>,
  batch: MessageBatch<unknown>,
  handle: JobHandler,
): Promise<void> {
  for (const message of batch.messages) {
    const body = message.body as { jobId?: unknown } | null;
    const jobId = typeof body?.jobId === 'string' ? body.jobId : null;
    if (!jobId) {
      deps.logger.error('dropping malformed queue message', { id: message.id });
      message.ack();
      continue;
    }
    const row = await claimJob(deps, jobId);
    if (!row) {
      // Done, dead, unknown, not due yet, or being run by another delivery of the same message.
      const [current] = await deps.database.db.select().from(jobs).where(eq(jobs.id, jobId)).limit(1);
      const now = deps.clock.now();
      if (current?.status === 'queued' && current.runAt > now) {
        message.retry({ delaySeconds: delaySeconds(current.runAt, now) });
      } else if (current?.status === 'running' && current.leaseUntil) {
        message.retry({ delaySeconds: delaySeconds(current.leaseUntil + 1000, now) });
      } else {
        message.ack();
      }
      continue;
    }
    const outcome = await runClaimedJob(deps, row, handle);
    if (outcome.status === 'queued')
      message.retry({ delaySeconds: delaySeconds(outcome.runAt, deps.clock.now()) });
    else message.ack();
  }
}

/** Messages the queue gave up on (its dead-letter queue): the jobs are marked dead for staff to see. */
export async function consumeDeadLetters(
  deps: Pick<AppDeps, 'database' | 'clock' | 'logger'>,
  batch: MessageBatch<unknown>,
): Promise<void> {
  for (const message of batch.messages) {
    const body = message.body as { jobId?: unknown } | null;
    if (typeof body?.jobId === 'string') {
      await markJobDead(deps, body.jobId, 'the queue gave up on this job (dead-letter queue)');
      deps.logger.error('job dead-lettered by the queue', { jobId: body.jobId });
    }
    message.ack();
  }
}
