import type { AppConfig } from '../config.js';
import { sha256Hex } from '../util/ids.js';

/**
 * How a binding code is stored: HMAC-SHA256 with a server-side secret (BINDING_CODE_SECRET), so a copy of
 * the database alone does not give the codes away (31^8 codes are few enough to try them all against a
 * bare hash). Web Crypto, so Node and Workers compute the same value.
 */
export async function bindingCodeHash(config: Pick<AppConfig, 'BINDING_CODE_SECRET'>, code: string) {
  const secret = config.BINDING_CODE_SECRET;
  if (!secret) throw new Error('BINDING_CODE_SECRET is not configured');
  const key = await hmacKey(secret);
  const signature = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(code));
  return [...new Uint8Array(signature)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

// Chat turns check typed tokens against issued codes: the key is imported once per secret, not per token. The
// key itself is kept, not the promise of it: workerd does not let one request wait on a promise another made.
const keys = new Map<string, CryptoKey>();

async function hmacKey(secret: string): Promise<CryptoKey> {
  const cached = keys.get(secret);
  if (cached) return cached;
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  keys.set(secret, key);
  return key;
}

/**
 * Every stored form a code may have: the HMAC, and the bare SHA-256 of codes printed before codes were keyed
 * (accepted until they expire, at most BINDING_CODE_DAYS after this version is deployed).
 */
export async function storedCodeHashes(config: Pick<AppConfig, 'BINDING_CODE_SECRET'>, code: string) {
  return [await bindingCodeHash(config, code), await sha256Hex(code)];
}
