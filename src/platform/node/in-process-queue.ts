import type { Job } from '../../jobs/job.js';
import type { Logger } from '../logger.js';
import type { JobQueue } from '../ports.js';

export interface InProcessQueueOptions {
  handle: (job: Job) => Promise<void>;
  logger: Logger;
  maxAttempts?: number;
  /** First retry delay; doubles each attempt. */
  retryDelayMs?: number;
  /** A job that failed its last attempt (the Workers dead-letter queue's counterpart). */
  onDeadLetter?: (job: Job, attempts: number, error: unknown) => Promise<void>;
}

/**
 * The embedded job queue: jobs run one at a time in this process, failed ones are retried with backoff.
 * Jobs are not persisted, like a Workers queue consumer they must be safe to repeat and to lose on a crash
 * (the scheduler enqueues them again).
 */
export function createInProcessQueue(options: InProcessQueueOptions): JobQueue & { drain(): Promise<void> } {
  const maxAttempts = options.maxAttempts ?? 5;
  const retryDelayMs = options.retryDelayMs ?? 500;
  const pending: { job: Job; attempt: number }[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let running: Promise<void> | null = null;
  let idleWaiters: (() => void)[] = [];

  const settleIfIdle = () => {
    if (running || pending.length > 0 || timers.size > 0) return;
    for (const wake of idleWaiters) wake();
    idleWaiters = [];
  };

  const pump = () => {
    if (running) return;
    const next = pending.shift();
    if (!next) return settleIfIdle();
    running = (async () => {
      try {
        await options.handle(next.job);
      } catch (error) {
        const attempt = next.attempt + 1;
        if (attempt >= maxAttempts) {
          options.logger.error('job failed for good', { job: next.job.type, attempts: attempt, error });
          await options
            .onDeadLetter?.(next.job, attempt, error)
            .catch((failure: unknown) =>
              options.logger.error('recording a dead letter failed', { error: failure }),
            );
        } else {
          options.logger.warn('job failed, will retry', { job: next.job.type, attempt, error });
          const timer = setTimeout(
            () => {
              timers.delete(timer);
              pending.push({ job: next.job, attempt });
              pump();
            },
            retryDelayMs * 2 ** (attempt - 1),
          );
          timers.add(timer);
        }
      }
    })().finally(() => {
      running = null;
      pump();
    });
  };

  return {
    async enqueue(job) {
      pending.push({ job, attempt: 0 });
      queueMicrotask(pump);
    },
    /** Resolves when nothing is queued, running or waiting to retry (used on shutdown and in tests). */
    drain() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        settleIfIdle();
      });
    },
  };
}
