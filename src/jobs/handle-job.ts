import { lt } from 'drizzle-orm';
import { takeDownEndedLists } from '../applications/index.js';
import { runLineEvent } from '../channels/line/index.js';
import { runOfficialAccountMessageJob } from '../channels/wechat-oa/index.js';
import { chatMessages } from '../db/schema.js';
import { channelSenders, deliverOutboxGroup, enqueueJobs, type JobContext } from '../delivery/index.js';
import { fanOutNotice, runReminderRound } from '../notices/index.js';
import type { AppDeps } from '../platform/ports.js';
import { pruneAttemptCounters } from '../util/rate-limit.js';
import type { Job } from './job.js';
import { pruneChatReplies } from './prune-chat-replies.js';
import { pruneRosterFiles } from './prune-roster-files.js';
import { pruneUnreferencedPhotos } from './prune-unreferenced-photos.js';

export interface HandleJobOptions {
  /** Workers: deliver at most this many outbox pages per run and continue in a new job (short invocations). */
  maxDeliveryPages?: number;
}

/** Runs one job. Throwing makes the queue retry it, so handlers must be safe to run twice. */
export async function handleJob(
  deps: AppDeps,
  job: Job,
  context: JobContext,
  options: HandleJobOptions = {},
): Promise<void> {
  switch (job.type) {
    case 'prune_chat_history': {
      await deps.database.db.delete(chatMessages).where(lt(chatMessages.createdAt, job.before));
      await pruneChatReplies(deps, job.before);
      deps.logger.info('chat history pruned', { before: new Date(job.before).toISOString() });
      return;
    }
    case 'prune_attempt_counters': {
      await pruneAttemptCounters(deps, job.before);
      return;
    }
    case 'prune_unreferenced_photos': {
      const deleted = await pruneUnreferencedPhotos(deps, job.before);
      deps.logger.info('unreferenced photos pruned', { deleted });
      return;
    }
    case 'prune_roster_files': {
      const deleted = await pruneRosterFiles(deps, job);
      deps.logger.info('roster files pruned', { deleted });
      return;
    }
    case 'notice_reminder': {
      await runReminderRound(deps, job.roundId);
      return;
    }
    case 'notice_fanout': {
      await fanOutNotice(deps, job.versionId);
      return;
    }
    case 'publicity_take_down': {
      const taken = await takeDownEndedLists(deps);
      if (taken > 0) deps.logger.info('publicity lists taken down', { taken });
      return;
    }
    case 'line_event': {
      await runLineEvent(deps, job.event, context);
      return;
    }
    case 'deliver_outbox': {
      const { more } = await deliverOutboxGroup(deps, job.groupId, context, {
        senders: channelSenders(deps),
        pageSize: deps.config.DELIVERY_PAGE_SIZE,
        maxPages: options.maxDeliveryPages,
      });
      if (more) {
        await enqueueJobs(deps, [
          { job, idempotencyKey: `deliver_outbox:${job.groupId}:after:${context.jobId}` },
        ]);
      }
      return;
    }
    case 'wechat_oa_message': {
      await runOfficialAccountMessageJob(deps, job.fields, context.jobId);
      return;
    }
  }
}
