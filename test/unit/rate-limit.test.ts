import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { rateLimiter } from '../../src/util/rate-limit.js';
import { makeTestDeps } from '../support/test-deps.js';

// Issue 13: attempts are counted inside the group commit (no fsync on the event loop), still one atomic upsert
// each, committed before the guarded work may start.
describe('rate limiter in the group commit', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  });

  function harness() {
    const test = makeTestDeps();
    cleanups.push(() => test.close());
    return test;
  }

  it('lets exactly `limit` of a burst of parallel attempts through, each with its own count', async () => {
    const { deps } = harness();
    const limiter = rateLimiter(deps, { limit: 5, windowMs: 60_000 });
    // Thirty attempts started in one turn of the event loop share one group commit.
    const attempts = await Promise.all(Array.from({ length: 30 }, () => limiter.attempt('burst')));
    expect(attempts.filter((attempt) => attempt.allowed)).toHaveLength(5);
    expect(attempts.map((attempt) => attempt.count).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 30 }, (_, index) => index + 1),
    );
  });

  it('has the attempt committed, as another connection sees it, when it resolves', async () => {
    const { deps, dbPath } = harness();
    const other = new BetterSqlite3(dbPath, { readonly: true });
    cleanups.push(() => other.close());
    const seen = () =>
      other.prepare("select count from rate_limits where key = 'seen'").pluck().get() as number | undefined;
    const attempt = rateLimiter(deps, { limit: 5, windowMs: 60_000 }).attempt('seen');
    expect(seen()).toBeUndefined();
    expect((await attempt).count).toBe(1);
    expect(seen()).toBe(1);
  });

  it('keeps each rule its own numbers though the rules share one prepared statement', async () => {
    const { deps, clock } = harness();
    const strict = rateLimiter(deps, { limit: 1, windowMs: 1_000, maxWindowMs: 8_000 });
    const lenient = rateLimiter(deps, { limit: 3, windowMs: 60_000 });
    const [first, second, other] = await Promise.all([
      strict.attempt('strict'),
      strict.attempt('strict'),
      lenient.attempt('lenient'),
    ]);
    expect([first?.allowed, second?.allowed, other?.allowed]).toEqual([true, false, true]);
    expect(other?.resetAt).toBe(clock.now() + 60_000);
    // The strict window ended with its limit reached: the next one is twice as long.
    clock.advance(1_000);
    const next = await strict.attempt('strict');
    expect(next).toMatchObject({ count: 1, allowed: true, resetAt: clock.now() + 2_000 });
  });

  it('gives a slot back with the refund statement committed in an atomic write', async () => {
    const { deps } = harness();
    const limiter = rateLimiter(deps, { limit: 2, windowMs: 60_000 });
    const good = await limiter.attempt('refund');
    await deps.database.atomic([limiter.refundStatement('refund', good)]);
    expect((await limiter.attempt('refund')).count).toBe(1);
  });

  it('refuses an atomicQuery that is not synchronous on better-sqlite3', async () => {
    const { deps } = harness();
    await expect(deps.database.atomicQuery(async () => 1)).rejects.toThrow(/synchronously/);
  });
});
