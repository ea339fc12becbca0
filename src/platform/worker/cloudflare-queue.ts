import type { Job } from '../../jobs/job.js';
import type { JobQueue } from '../ports.js';

export function createCloudflareQueue(queue: Queue<Job>): JobQueue {
  return {
    async enqueue(job) {
      await queue.send(job, { contentType: 'json' });
    },
  };
}
