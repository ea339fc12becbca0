// The delivery pipeline every message to a family uses: durable jobs, the outbox and channel senders.
export type {
  ChannelSender,
  DeliveryChannel,
  OutboxMessage,
  SendOutcome,
  SendResult,
} from './channel-sender.js';
export { channelSenders } from './channel-senders.js';
export { deliverOutboxGroup, RetryLaterError } from './deliver-outbox-group.js';
export {
  claimJob,
  claimNextJob,
  DEFAULT_LEASE_MS,
  enqueueJobs,
  type JobRow,
  type JobSpec,
  jobInsertStatements,
  markJobDead,
  overdueJobs,
  releaseOrphanedJobs,
} from './job-store.js';
export { type NewOutboxRow, outboxInsertStatements } from './outbox-rows.js';
export { retryDelayMs } from './retry-delay.js';
export { type JobContext, type JobHandler, type JobOutcome, runClaimedJob } from './run-claimed-job.js';
