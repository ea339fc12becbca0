import { describe, expect, it } from 'vitest';
import { createResidentIdVault, ResidentIdCryptoError } from '../../src/identity/index.js';

const ID = '11010519491231002X'; // the GB 11643-1999 specimen, not a person's number
const secret = (fill: number) => btoa(String.fromCharCode(...new Uint8Array(32).fill(fill)));
const OLD = { id: 'k2025', secret: secret(1) };
const NEW = { id: 'k2026', secret: secret(2) };

const codeOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ResidentIdCryptoError) return error.code;
    throw error;
  }
  throw new Error('expected a ResidentIdCryptoError');
};

/** Flips one bit in the n-th base64url character of a `v1:kid:iv:ct` part. */
const flip = (stored: string, part: number, at = 5) => {
  const parts = stored.split(':');
  const text = parts[part]!;
  const swapped = text[at] === 'A' ? 'B' : 'A';
  parts[part] = text.slice(0, at) + swapped + text.slice(at + 1);
  return parts.join(':');
};

describe('resident-ID vault', () => {
  it('round-trips, with a fresh IV each time and the key id in the stored form', async () => {
    const vault = await createResidentIdVault({ keys: [NEW], currentKeyId: 'k2026' });
    const first = await vault.encrypt(ID);
    const second = await vault.encrypt(ID);
    expect(first).toMatch(/^v1:k2026:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]+$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain(ID);
    expect(await vault.decrypt(first)).toBe(ID);
    expect(await vault.decrypt(second)).toBe(ID);
  });

  it('rotates: old values still open, new ones use the current key, needsReencryption tells them apart', async () => {
    const before = await createResidentIdVault({ keys: [OLD], currentKeyId: 'k2025' });
    const written = await before.encrypt(ID, 'application:a1');
    const after = await createResidentIdVault({ keys: [OLD, NEW], currentKeyId: 'k2026' });
    expect(await after.decrypt(written, 'application:a1')).toBe(ID);
    expect(after.needsReencryption(written)).toBe(true);
    const rewritten = await after.encrypt(await after.decrypt(written, 'application:a1'), 'application:a1');
    expect(rewritten.startsWith('v1:k2026:')).toBe(true);
    expect(after.needsReencryption(rewritten)).toBe(false);
    // Once the old key is removed, what it wrote is refused with a clear code, not decrypted to garbage.
    const onlyNew = await createResidentIdVault({ keys: [NEW], currentKeyId: 'k2026' });
    expect(await codeOf(onlyNew.decrypt(written, 'application:a1'))).toBe('unknown_key_id');
    expect(await onlyNew.decrypt(rewritten, 'application:a1')).toBe(ID);
  });

  it('detects tampering with the ciphertext, the IV, the key id or the context', async () => {
    const vault = await createResidentIdVault({ keys: [OLD, NEW], currentKeyId: 'k2026' });
    const stored = await vault.encrypt(ID, 'application:a1');
    expect(await codeOf(vault.decrypt(flip(stored, 3), 'application:a1'))).toBe('tampered');
    expect(await codeOf(vault.decrypt(flip(stored, 2), 'application:a1'))).toBe('tampered');
    expect(await codeOf(vault.decrypt(stored.replace(':k2026:', ':k2025:'), 'application:a1'))).toBe(
      'tampered',
    );
    expect(await codeOf(vault.decrypt(stored, 'application:a2'))).toBe('tampered');
    expect(await codeOf(vault.decrypt(stored))).toBe('tampered');
    const truncated = stored.slice(0, stored.length - 4);
    expect(await codeOf(vault.decrypt(truncated, 'application:a1'))).toBe('tampered');
  });

  it('refuses values that are not in the stored format', async () => {
    const vault = await createResidentIdVault({ keys: [NEW], currentKeyId: 'k2026' });
    for (const bad of [ID, 'v2:k2026:AAAA:BBBB', 'v1:k2026:short:AAAAAAAAAAAAAAAAAAAAAAAA', 'v1:k2026', ''])
      expect(await codeOf(vault.decrypt(bad))).toBe('malformed');
  });

  it('refuses bad key configuration when built', async () => {
    expect(await codeOf(createResidentIdVault({ keys: [NEW], currentKeyId: 'k2027' }))).toBe('invalid_key');
    expect(await codeOf(createResidentIdVault({ keys: [NEW, NEW], currentKeyId: 'k2026' }))).toBe(
      'invalid_key',
    );
    const passphrase = { id: 'k1', secret: 'correct horse battery staple' };
    expect(await codeOf(createResidentIdVault({ keys: [passphrase], currentKeyId: 'k1' }))).toBe(
      'invalid_key',
    );
    const short = { id: 'k1', secret: btoa('sixteen bytes!!!') };
    expect(await codeOf(createResidentIdVault({ keys: [short], currentKeyId: 'k1' }))).toBe('invalid_key');
    const colon = { id: 'k:1', secret: secret(3) };
    expect(await codeOf(createResidentIdVault({ keys: [colon], currentKeyId: 'k:1' }))).toBe('invalid_key');
  });

  it('gives a stable blind index per key, for the canonical number, and one per configured key', async () => {
    const vault = await createResidentIdVault({ keys: [OLD, NEW], currentKeyId: 'k2026' });
    const index = await vault.blindIndex(ID);
    expect(index).toMatch(/^k2026:[A-Za-z0-9_-]{43}$/);
    expect(await vault.blindIndex('１１０１０５１９４９１２３１００２ｘ')).toBe(index);
    expect(await vault.blindIndex('11010519491231003X')).not.toBe(index);
    const all = await vault.blindIndexes(ID);
    expect(all).toHaveLength(2);
    expect(all).toContain(index);
    const before = await createResidentIdVault({ keys: [OLD], currentKeyId: 'k2025' });
    expect(all).toContain(await before.blindIndex(ID)); // a row indexed before the rotation is still found
  });
});
