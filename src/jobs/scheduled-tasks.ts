import { enqueueJobs, overdueJobs } from '../delivery/index.js';
import { scheduleDueReminders } from '../notices/index.js';
import type { AppDeps } from '../platform/ports.js';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** What the scheduler runs (Node interval timer or Workers cron): it only enqueues, the jobs do the work. */
export async function runScheduledTasks(deps: AppDeps): Promise<void> {
  const now = deps.clock.now();
  const { config } = deps;
  // Each prune once per hour however often the scheduler fires.
  const hour = Math.floor(now / HOUR_MS);
  await enqueueJobs(deps, [
    {
      job: { type: 'prune_chat_history', before: now - config.CHAT_HISTORY_DAYS * DAY_MS },
      idempotencyKey: `prune_chat_history:${hour}`,
    },
    {
      // The longest lock is a day and its growth is forgotten after as long again: three days is safe.
      job: { type: 'prune_attempt_counters', before: now - 3 * DAY_MS },
      idempotencyKey: `prune_attempt_counters:${hour}`,
    },
    {
      job: { type: 'prune_unreferenced_photos', before: now - config.UNREFERENCED_PHOTO_HOURS * HOUR_MS },
      idempotencyKey: `prune_unreferenced_photos:${hour}`,
    },
    {
      job: {
        type: 'prune_roster_files',
        previewsBefore: now - config.ROSTER_PREVIEW_HOURS * HOUR_MS,
        importsBefore: now - config.ROSTER_FILE_DAYS * DAY_MS,
      },
      idempotencyKey: `prune_roster_files:${hour}`,
    },
    { job: { type: 'publicity_take_down' }, idempotencyKey: `publicity_take_down:${hour}` },
  ]);
  // Reminders due after REMINDER_AFTER_HOURS (each round once, however often this runs).
  await scheduleDueReminders(deps);
  // A wake-up or Queue message that got lost (a crash between commit and send) only delays a job until here.
  await deps.queue.dispatch(await overdueJobs(deps, 5 * 60_000));
}
