import type { AppDeps } from '../platform/ports.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the scheduler runs (Node interval timer or Workers cron): it only enqueues, the queue does the work. */
export async function runScheduledTasks(deps: AppDeps): Promise<void> {
  const before = deps.clock.now() - deps.config.CHAT_HISTORY_DAYS * DAY_MS;
  await deps.queue.enqueue({ type: 'prune_chat_history', before });
  // The longest lock is a day and its growth is forgotten after as long again: three days is safe.
  await deps.queue.enqueue({ type: 'prune_attempt_counters', before: deps.clock.now() - 3 * DAY_MS });
}
