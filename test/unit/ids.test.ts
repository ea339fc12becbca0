import { describe, expect, it } from 'vitest';
import { newSecrets } from '../../src/util/ids.js';
import { stableId } from '../../src/util/stable-id.js';

describe('ids', () => {
  it('makes 10,000 distinct URL-safe secrets at once (more than one call to the random source can fill)', () => {
    const secrets = newSecrets(10_000);
    expect(secrets).toHaveLength(10_000);
    expect(new Set(secrets).size).toBe(10_000);
    expect(secrets.every((secret) => /^[A-Za-z0-9_-]{32}$/.test(secret))).toBe(true);
  });

  it('derives the same id from the same text, and different ids from different text', () => {
    expect(stableId('nr_', 'v1|s1|g1')).toBe(stableId('nr_', 'v1|s1|g1'));
    const ids = new Set(Array.from({ length: 20_000 }, (_, index) => stableId('nr_', `v1|s${index}|g`)));
    expect(ids.size).toBe(20_000);
  });
});
