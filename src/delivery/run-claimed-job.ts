import { recordDeadLetter } from '../jobs/dead-letter.js';
import { type Job, jobSchema } from '../jobs/job.js';
import type { AppDeps, AtomicStatement } from '../platform/ports.js';
import { completeJobStatement, failJobStatement, type JobRow, renewLease } from './job-store.js';

export interface JobContext {
  jobId: string;
  /** Extends the claim; long jobs call it between pages. False means the claim was lost: stop. */
  renewLease(): Promise<boolean>;
  /**
   * Writes recording the job's last step (a LINE reply marked sent), committed in the same atomic write as the
   * job's completion: one commit instead of two. Dropped if the job throws afterwards, so only for the last
   * step, after everything external it records has happened. Absent when a job is run by hand.
   */
  completeWith?(statements: AtomicStatement[]): void;
}

export type JobHandler = (job: Job, context: JobContext) => Promise<void>;

export type JobOutcome =
  | { status: 'done' }
  | { status: 'queued'; runAt: number; error: unknown }
  | { status: 'dead'; error: unknown };

/** Runs a job this worker has claimed and records the outcome in the jobs table. */
export async function runClaimedJob(
  deps: Pick<AppDeps, 'database' | 'clock' | 'logger'>,
  row: JobRow,
  handle: JobHandler,
): Promise<JobOutcome> {
  let job: Job | undefined;
  try {
    job = jobSchema.parse(JSON.parse(row.payload));
    const last: AtomicStatement[] = [];
    await handle(job, {
      jobId: row.id,
      renewLease: () => renewLease(deps, row),
      completeWith: (statements) => last.push(...statements),
    });
    // On Node these atomic writes share a commit with the other work of the moment.
    await deps.database.atomic([...last, completeJobStatement(deps, row)]);
    return { status: 'done' };
  } catch (error) {
    const { statement, outcome: result } = failJobStatement(deps, row, error);
    await deps.database.atomic([statement]);
    if (result.status === 'dead') {
      // Logged as an error and kept in the audit log, so a dead job never disappears without a trace.
      await recordDeadLetter(deps, {
        messageId: row.id,
        job: job ?? null,
        attempts: row.attempts,
        queue: 'jobs',
        error,
      });
      return { status: 'dead', error };
    }
    deps.logger.warn('job failed, will retry', {
      job: row.kind,
      jobId: row.id,
      attempts: row.attempts,
      error,
    });
    return { status: 'queued', runAt: result.runAt, error };
  }
}
