import type { HmacSha256Verifier } from '../../platform/ports.js';

/**
 * Checks LINE's X-Line-Signature: base64(HMAC-SHA256(channel secret, the exact body bytes)). A header that is
 * not base64 of 32 bytes is refused before any work. The MAC is checked by the runtime's verifier (AppDeps.hmac:
 * node:crypto on Node), Web Crypto where there is none, as on Workers; both compare in constant time.
 */
export async function verifyLineSignature(
  body: Uint8Array<ArrayBuffer>,
  signature: string | undefined,
  channelSecret: string,
  verify: HmacSha256Verifier = verifyWithWebCrypto,
): Promise<boolean> {
  if (!signature || !/^[A-Za-z0-9+/]{43}=$/.test(signature)) return false;
  const expected = Uint8Array.from(atob(signature), (char) => char.charCodeAt(0));
  return verify(channelSecret, body, expected);
}

/** `crypto.subtle.verify` recomputes the MAC and compares it in constant time. */
export async function verifyWithWebCrypto(
  secret: string,
  data: Uint8Array<ArrayBuffer>,
  mac: Uint8Array<ArrayBuffer>,
): Promise<boolean> {
  return crypto.subtle.verify('HMAC', await signingKey(secret), mac, data);
}

const keys = new Map<string, Promise<CryptoKey>>();

/** The imported key, once per secret (importKey costs more than the MAC of a small body). */
function signingKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['verify'],
    );
    keys.set(secret, key);
  }
  return key;
}
