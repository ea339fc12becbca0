import type { AppDeps } from '../platform/ports.js';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** What the scheduler runs (Node interval timer or Workers cron): it only enqueues, the queue does the work. */
export async function runScheduledTasks(deps: AppDeps): Promise<void> {
  const now = deps.clock.now();
  const { config } = deps;
  await deps.queue.enqueue({ type: 'prune_chat_history', before: now - config.CHAT_HISTORY_DAYS * DAY_MS });
  // The longest lock is a day and its growth is forgotten after as long again: three days is safe.
  await deps.queue.enqueue({ type: 'prune_attempt_counters', before: now - 3 * DAY_MS });
  await deps.queue.enqueue({
    type: 'prune_unreferenced_photos',
    before: now - config.UNREFERENCED_PHOTO_HOURS * HOUR_MS,
  });
  await deps.queue.enqueue({
    type: 'prune_roster_files',
    previewsBefore: now - config.ROSTER_PREVIEW_HOURS * HOUR_MS,
    importsBefore: now - config.ROSTER_FILE_DAYS * DAY_MS,
  });
}
