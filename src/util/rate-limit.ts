import { and, eq, lt, sql } from 'drizzle-orm';
import { preparedQuery } from '../db/prepared-query.js';
import { preparedStatement } from '../db/prepared-statement.js';
import { rateLimits } from '../db/schema.js';
import type { AppDeps } from '../platform/ports.js';

export interface RateLimitRule {
  /** Attempts allowed inside one window. */
  limit: number;
  windowMs: number;
  /**
   * A window that ended with its limit reached makes the next one twice as long, up to this (a growing delay
   * against slow guessing). A quiet spell as long as the last window starts again from `windowMs`.
   */
  maxWindowMs?: number;
}

export interface Attempt {
  /** Attempts in this window, this one included. */
  count: number;
  /** False once the window's limit is used up: do not do the work. */
  allowed: boolean;
  windowStart: number;
  /** When the window ends and attempts are allowed again (epoch ms). */
  resetAt: number;
}

/** What one counting upsert is run with: the key, the time and the rule's numbers. */
type AttemptParams = {
  key: string;
  now: number;
  windowMs: number;
  limit: number;
  maxWindowMs: number;
};

const placeholder = (name: keyof AttemptParams) => sql.placeholder(name);

/**
 * The counting upsert, prepared once per database with the rule's numbers as parameters (the rules share it).
 * In ON CONFLICT … DO UPDATE every column name means the row as it was, so these all see the old window.
 */
const countAttempt = preparedQuery((db) => {
  const now = placeholder('now');
  const length = sql`coalesce(${rateLimits.windowMs}, ${placeholder('windowMs')})`;
  const expired = sql`${rateLimits.windowStart} + ${length} <= ${now}`;
  const grows = sql`${rateLimits.count} >= ${placeholder('limit')} and ${now} < ${rateLimits.windowStart} + 2 * ${length}`;
  return db
    .insert(rateLimits)
    .values({ key: placeholder('key'), windowStart: now, count: 1, windowMs: placeholder('windowMs') })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${expired} then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${expired} then ${now} else ${rateLimits.windowStart} end`,
        windowMs: sql`case when not (${expired}) then ${length}
          when ${grows} then min(${length} * 2, ${placeholder('maxWindowMs')}) else ${placeholder('windowMs')} end`,
      },
    })
    .returning({
      count: rateLimits.count,
      windowStart: rateLimits.windowStart,
      windowMs: rateLimits.windowMs,
    })
    .prepare();
});

/** One slot back, in the window the attempt was counted in (not in a newer one). Built once per database. */
const giveBack = preparedStatement<{ key: string; windowStart: number }>((db, values) =>
  db
    .update(rateLimits)
    .set({ count: sql`max(${rateLimits.count} - 1, 0)` })
    .where(and(eq(rateLimits.key, values.key), eq(rateLimits.windowStart, values.windowStart))),
);

/**
 * Attempt counters in the database, so every Worker isolate and Node process shares them. An attempt is
 * counted by one atomic upsert that returns the new count, before the work it guards (hashing a password,
 * looking up a code): a burst of parallel requests can never get more than `limit` of them through. The
 * upsert is an atomic write of its own (`atomicQuery`: on Node it shares the group commit rather than wait for
 * an fsync on the event loop); it is committed before `attempt` returns, so the next attempt sees it.
 */
export function rateLimiter(deps: Pick<AppDeps, 'database' | 'clock'>, rule: RateLimitRule) {
  const { db } = deps.database;
  const maxWindowMs = Math.max(rule.maxWindowMs ?? rule.windowMs, rule.windowMs);
  return {
    async attempt(key: string): Promise<Attempt> {
      const params: AttemptParams = {
        key,
        now: deps.clock.now(),
        windowMs: rule.windowMs,
        limit: rule.limit,
        maxWindowMs,
      };
      const query = countAttempt(db);
      const [row] = await deps.database.atomicQuery(() => query.all(params));
      if (!row) throw new Error(`rate limit upsert for ${key} returned nothing`);
      return {
        count: row.count,
        allowed: row.count <= rule.limit,
        windowStart: row.windowStart,
        resetAt: row.windowStart + (row.windowMs ?? rule.windowMs),
      };
    },
    /**
     * Gives back the slot of an attempt that turned out fine (a good code), so honest use does not fill the
     * window; failed attempts keep theirs, so failures that get checked never exceed the limit. A statement for
     * the caller's own atomic write (a chat turn's): should that write not happen, the slot stays used, as a
     * failed attempt's does, so there are never more attempts than the limit.
     */
    refundStatement,
    async clear(key: string): Promise<void> {
      await db.delete(rateLimits).where(eq(rateLimits.key, key));
    },
  };

  function refundStatement(key: string, attempt: Attempt) {
    return giveBack(deps.database, { key, windowStart: attempt.windowStart });
  }
}

/**
 * Refused attempts are audited in aggregate, so a flood cannot push real events off the audit page: the
 * first refusal of a window, then the 10th, 100th, 1000th… with the running count.
 */
export function isAuditedRefusal(attempt: Attempt, limit: number): boolean {
  const refused = attempt.count - limit;
  if (refused < 1) return false;
  return refused === 1 || 10 ** Math.round(Math.log10(refused)) === refused;
}

/** Deletes counters whose window (and the quiet spell that resets its growth) is long over. */
export function pruneAttemptCounters(deps: Pick<AppDeps, 'database'>, before: number) {
  return deps.database.db.delete(rateLimits).where(lt(rateLimits.windowStart, before));
}
