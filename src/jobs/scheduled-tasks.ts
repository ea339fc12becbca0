import { enqueueJobs, overdueJobs } from '../delivery/index.js';
import { scheduleDueReminders } from '../notices/index.js';
import type { AppDeps } from '../platform/ports.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/** What the scheduler runs (Node interval timer or Workers cron): it only enqueues, the jobs do the work. */
export async function runScheduledTasks(deps: AppDeps): Promise<void> {
  const now = deps.clock.now();
  const before = now - deps.config.CHAT_HISTORY_DAYS * DAY_MS;
  // One prune per hour however often the scheduler fires.
  await enqueueJobs(deps, [
    {
      job: { type: 'prune_chat_history', before },
      idempotencyKey: `prune_chat_history:${Math.floor(now / HOUR_MS)}`,
    },
  ]);
  // Reminders due after REMINDER_AFTER_HOURS (each round once, however often this runs).
  await scheduleDueReminders(deps);
  // A wake-up or Queue message that got lost (a crash between commit and send) only delays a job until here.
  await deps.queue.dispatch(await overdueJobs(deps, 5 * 60_000));
}
