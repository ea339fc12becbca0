import type { DispatchedJob, JobQueue } from '../ports.js';

/** What a Queue message carries: only the job's id; the job itself and its state are in the jobs table. */
export interface JobMessage {
  jobId: string;
}

const MAX_BATCH = 100;
/** Cloudflare Queues delay a message by at most 12 hours; later jobs are dispatched again by the cron sweep. */
const MAX_DELAY_SECONDS = 12 * 60 * 60;

export function createCloudflareQueue(queue: Queue<JobMessage>, now: () => number): JobQueue {
  return {
    async dispatch(jobs: readonly DispatchedJob[]) {
      for (let start = 0; start < jobs.length; start += MAX_BATCH) {
        await queue.sendBatch(
          jobs.slice(start, start + MAX_BATCH).map((job) => ({
            body: { jobId: job.id },
            contentType: 'json' as const,
            delaySeconds: Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.ceil((job.runAt - now()) / 1000))),
          })),
        );
      }
    },
  };
}
