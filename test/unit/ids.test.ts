import { describe, expect, it } from 'vitest';
import { newId, newSecret } from '../../src/util/ids.js';

// Issue 13: ids and secrets take their random bytes from a pool; no byte may be handed out twice.
describe('random ids from the pooled random source', () => {
  it('are all different across many refills of the pool, in their usual form', () => {
    // 24 bytes an id, 32 a secret: 3,000 of them use the 4 KiB pool up about twenty times.
    const ids = Array.from({ length: 2_000 }, () => newId('c_'));
    const secrets = Array.from({ length: 1_000 }, () => newSecret());
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(secrets).size).toBe(secrets.length);
    for (const id of ids) expect(id).toMatch(/^c_[0-9a-z]{24}$/);
    for (const secret of secrets) expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('do not share bytes: no two consecutive ids have a common 8-character run', () => {
    const ids = Array.from({ length: 500 }, () => newId());
    for (let index = 1; index < ids.length; index++) {
      const before = ids[index - 1]!;
      const runs = new Set(Array.from({ length: 17 }, (_, start) => before.slice(start, start + 8)));
      expect(
        Array.from({ length: 17 }, (_, start) => ids[index]!.slice(start, start + 8)).some((run) =>
          runs.has(run),
        ),
      ).toBe(false);
    }
  });
});
