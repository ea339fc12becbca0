import { claimNextJob, releaseOrphanedJobs } from '../../delivery/job-store.js';
import { type JobHandler, runClaimedJob } from '../../delivery/run-claimed-job.js';
import type { AppDeps, JobQueue } from '../ports.js';

export interface JobWorkerOptions {
  deps: Pick<AppDeps, 'database' | 'clock' | 'logger'>;
  handle: JobHandler;
  /** How often to look for due jobs (retries coming due) when nothing woke the worker. */
  pollMs?: number;
  leaseMs?: number;
}

export interface JobWorker extends JobQueue {
  /** Starts polling (after handing back jobs a killed process left running). */
  start(): Promise<void>;
  /** Runs every job due now, by the clock, until none is left; resolves when idle. Used on shutdown and in tests. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The Node job worker: jobs live in the `jobs` table, so they survive kill -9 and restarts. One job runs at a
 * time (SQLite has one writer anyway); dispatch() wakes the worker at once, polling finds retries coming due.
 */
export function createJobWorker(options: JobWorkerOptions): JobWorker {
  const { deps, handle } = options;
  const pollMs = options.pollMs ?? 1_000;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: ReturnType<typeof setInterval> | undefined;
  let stopped = false;

  const runDue = async () => {
    do {
      again = false;
      for (;;) {
        if (stopped) return;
        const row = await claimNextJob(deps, options.leaseMs);
        if (!row) break;
        await runClaimedJob(deps, row, handle);
      }
    } while (again && !stopped);
  };

  const wake = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = runDue()
      .catch((error) => deps.logger.error('job worker failed', { error }))
      .finally(() => {
        running = null;
      });
    return running;
  };

  return {
    async dispatch() {
      if (!stopped) void wake();
    },
    async start() {
      const released = await releaseOrphanedJobs(deps);
      if (released > 0) deps.logger.warn('resuming jobs of a stopped process', { jobs: released });
      timer = setInterval(() => void wake(), pollMs);
      timer.unref();
      void wake();
    },
    async drain() {
      while (running) await running;
      await wake();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      while (running) await running;
    },
  };
}
