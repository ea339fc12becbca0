import { type Job, jobSchema } from '../jobs/job.js';
import type { AppDeps } from '../platform/ports.js';
import { completeJob, failJob, type JobRow, renewLease } from './job-store.js';

export interface JobContext {
  jobId: string;
  /** Extends the claim; long jobs call it between pages. False means the claim was lost: stop. */
  renewLease(): Promise<boolean>;
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
  try {
    const job = jobSchema.parse(JSON.parse(row.payload));
    await handle(job, { jobId: row.id, renewLease: () => renewLease(deps, row) });
    await completeJob(deps, row);
    return { status: 'done' };
  } catch (error) {
    const result = await failJob(deps, row, error);
    const log = result.status === 'dead' ? deps.logger.error : deps.logger.warn;
    log(result.status === 'dead' ? 'job dead after last attempt' : 'job failed, will retry', {
      job: row.kind,
      jobId: row.id,
      attempts: row.attempts,
      error,
    });
    return result.status === 'dead'
      ? { status: 'dead', error }
      : { status: 'queued', runAt: result.runAt, error };
  }
}
