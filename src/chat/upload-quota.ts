import { sql } from 'drizzle-orm';
import { rateLimits } from '../db/schema.js';
import type { AppDeps } from '../platform/ports.js';

const HOUR_MS = 60 * 60 * 1000;

/**
 * Counts one more chat upload against `key` in the current hour and returns the new count, in one atomic
 * statement (an upsert that returns the row), so parallel uploads can never all read "under the limit".
 * It runs before the photo is read or stored: a refused upload costs one small write.
 */
export async function countUpload(deps: Pick<AppDeps, 'database' | 'clock'>, key: string): Promise<number> {
  const now = deps.clock.now();
  const expired = sql`${rateLimits.windowStart} <= ${now - HOUR_MS}`;
  const upsert = deps.database.db
    .insert(rateLimits)
    .values({ key, windowStart: now, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${expired} then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${expired} then ${now} else ${rateLimits.windowStart} end`,
      },
    })
    .returning({ count: rateLimits.count });
  // An atomic write of its own: on Node in the group commit, without an fsync on the event loop.
  const [row] = await deps.database.atomicQuery(() => upsert.all());
  return row?.count ?? 1;
}
