import { eq, sql } from 'drizzle-orm';
import { rateLimits } from '../db/schema.js';
import type { AppDeps } from '../platform/ports.js';

export interface RateLimitRule {
  /** Failures allowed inside one window. */
  limit: number;
  windowMs: number;
}

/** Fixed-window failure counters in the database, so every Worker isolate and Node process shares them. */
export function rateLimiter(deps: Pick<AppDeps, 'database' | 'clock'>, rule: RateLimitRule) {
  const { db } = deps.database;
  return {
    async isBlocked(key: string): Promise<boolean> {
      const [row] = await db.select().from(rateLimits).where(eq(rateLimits.key, key)).limit(1);
      return !!row && row.windowStart > deps.clock.now() - rule.windowMs && row.count >= rule.limit;
    },
    async recordFailure(key: string): Promise<void> {
      const now = deps.clock.now();
      const expired = sql`${rateLimits.windowStart} <= ${now - rule.windowMs}`;
      await db
        .insert(rateLimits)
        .values({ key, windowStart: now, count: 1 })
        .onConflictDoUpdate({
          target: rateLimits.key,
          set: {
            count: sql`case when ${expired} then 1 else ${rateLimits.count} + 1 end`,
            windowStart: sql`case when ${expired} then ${now} else ${rateLimits.windowStart} end`,
          },
        });
    },
    async clear(key: string): Promise<void> {
      await db.delete(rateLimits).where(eq(rateLimits.key, key));
    },
  };
}
