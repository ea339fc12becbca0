import { audit } from '../audit/audit-log.js';
import type { AppDeps } from '../platform/ports.js';
import type { Job } from './job.js';

export interface DeadLetter {
  /** The queue's message id (Workers) or a made-up one (Node), to find the job in the logs. */
  messageId: string;
  /** Null when the message was not even a valid job. */
  job: Job | null;
  attempts: number;
  queue: string;
  error?: unknown;
}

/**
 * A job that failed every retry: logged as an error and written to the audit log as `job.dead_letter`
 * (a system event the district officer's audit page shows), so it is never dropped without a trace.
 */
export async function recordDeadLetter(
  deps: Pick<AppDeps, 'database' | 'clock' | 'logger'>,
  letter: DeadLetter,
) {
  const reason = letter.error instanceof Error ? letter.error.message : undefined;
  deps.logger.error('job dead-lettered', {
    messageId: letter.messageId,
    job: letter.job?.type ?? 'malformed',
    attempts: letter.attempts,
    queue: letter.queue,
    error: letter.error,
  });
  await audit(deps, {
    actorType: 'system',
    action: 'job.dead_letter',
    targetType: 'job',
    targetId: letter.messageId,
    details: {
      job: letter.job?.type ?? 'malformed',
      attempts: letter.attempts,
      queue: letter.queue,
      ...(reason ? { error: reason.slice(0, 300) } : {}),
    },
  });
}
