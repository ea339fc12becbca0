import {
  claimJobs,
  DEFAULT_LEASE_MS,
  dueJobs,
  type JobRow,
  releaseOrphanedJobs,
} from '../../delivery/job-store.js';
import { type JobHandler, runClaimedJob } from '../../delivery/run-claimed-job.js';
import { jobLane, SERIAL_LANE } from '../../jobs/job-lane.js';
import type { AppDeps, JobQueue, JobReservation } from '../ports.js';

export interface JobWorkerOptions {
  deps: Pick<AppDeps, 'database' | 'clock' | 'logger'>;
  handle: JobHandler;
  /** How often to look for due jobs (retries coming due) when nothing woke the worker. */
  pollMs?: number;
  leaseMs?: number;
  /** Most jobs running at once, each in its own lane (src/jobs/job-lane.ts). */
  concurrency?: number;
}

export interface JobWorker extends JobQueue {
  /** Starts polling (after handing back jobs a killed process left running). */
  start(): Promise<void>;
  /** Runs every job due now, by the clock, until none is left; resolves when idle. Used on shutdown and in tests. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The Node job worker: jobs live in the `jobs` table, so they survive kill -9 and restarts. Several jobs run at
 * once, but never two of one lane: one LINE user's events are answered one after the other and in order, and
 * jobs that are not a conversation's events keep running one at a time. While one job waits (for LINE, for a
 * commit) the others go on, and their writes share commits (src/platform/node/group-commit.ts).
 * dispatch() wakes the worker at once; polling finds retries coming due.
 */
export function createJobWorker(options: JobWorkerOptions): JobWorker {
  const { deps, handle } = options;
  const pollMs = options.pollMs ?? 1_000;
  const concurrency = options.concurrency ?? 16;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  /** The job running in each busy lane (or the place held for one being stored, see reserve). */
  const running = new Map<string, Promise<void>>();
  let filling: Promise<void> | null = null;
  let again = false;
  let timer: ReturnType<typeof setInterval> | undefined;
  let stopped = false;

  const start = (row: JobRow, lane: string) => {
    const run = runClaimedJob(deps, row, handle)
      .then(
        () => {},
        (error) => deps.logger.error('job worker failed', { error, jobId: row.id }),
      )
      .finally(() => {
        running.delete(lane);
        void wake();
      });
    running.set(lane, run);
  };

  /** Claims the oldest due jobs of idle lanes for the free places and starts them. */
  const fill = async () => {
    do {
      again = false;
      while (!stopped && running.size < concurrency) {
        const free = concurrency - running.size;
        const lanes = new Set(running.keys());
        const picked: { id: string; lane: string }[] = [];
        for (const job of await dueJobs(deps, concurrency * 4)) {
          const lane = jobLane(job.kind, job.payload);
          // A busy lane, or one whose older job was just picked: its next job waits, so the order holds.
          if (lanes.has(lane)) continue;
          lanes.add(lane);
          picked.push({ id: job.id, lane });
          if (picked.length === free) break;
        }
        if (picked.length === 0) break;
        const claimed = await claimJobs(
          deps,
          picked.map((job) => job.id),
          leaseMs,
        );
        const laneOf = new Map(picked.map((job) => [job.id, job.lane]));
        for (const row of claimed) start(row, laneOf.get(row.id)!);
        if (claimed.length === 0) break;
      }
    } while (again && !stopped);
  };

  const wake = (): Promise<void> => {
    if (filling) {
      again = true;
      return filling;
    }
    filling = fill()
      .catch((error) => deps.logger.error('job worker failed', { error }))
      .finally(() => {
        filling = null;
        // A wake-up between fill's last look and here (a job finishing, a webhook's dispatch) found `filling`
        // still set and only raised `again`: act on it now, or that job would wait for the next poll.
        if (again && !stopped) void wake();
      });
    return filling;
  };

  /**
   * Holds an idle lane's place while a webhook stores its job, which that same commit claims (enqueueJobs), so
   * the job starts without a claim commit and a look for due jobs of its own. Meanwhile fill leaves the lane
   * alone. The claim itself checks that no other job of the lane is waiting (stored earlier, a retry, a killed
   * process's run), so the lane's order never depends on what this process remembers.
   */
  const reserve = (lane: string): JobReservation | null => {
    if (stopped || lane === SERIAL_LANE || running.has(lane) || running.size >= concurrency) return null;
    let settle!: () => void;
    const held = new Promise<void>((resolve) => {
      settle = resolve;
    });
    running.set(lane, held);
    const letGo = () => {
      // fill may have started a job of the lane once the claim was lost: its entry stays.
      if (running.get(lane) === held) running.delete(lane);
      settle();
    };
    return {
      leaseMs,
      start: (row) => {
        letGo();
        start(row, lane);
      },
      release: () => {
        letGo();
        void wake();
      },
    };
  };

  const idle = async () => {
    while (filling || running.size > 0) {
      await filling;
      await Promise.all(running.values());
    }
  };

  return {
    async dispatch() {
      if (!stopped) void wake();
    },
    reserve,
    async start() {
      const released = await releaseOrphanedJobs(deps);
      if (released > 0) deps.logger.warn('resuming jobs of a stopped process', { jobs: released });
      timer = setInterval(() => void wake(), pollMs);
      timer.unref();
      void wake();
    },
    async drain() {
      await idle();
      await wake();
      await idle();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await idle();
    },
  };
}
