/**
 * Checks LINE's X-Line-Signature: base64(HMAC-SHA256(channel secret, the exact body bytes)). Web Crypto only,
 * so the same check runs on Node and Workers. `crypto.subtle.verify` recomputes the MAC and compares it in
 * constant time; a header that is not base64 of 32 bytes is refused before any work.
 */
export async function verifyLineSignature(
  body: Uint8Array<ArrayBuffer>,
  signature: string | undefined,
  channelSecret: string,
): Promise<boolean> {
  if (!signature || !/^[A-Za-z0-9+/]{43}=$/.test(signature)) return false;
  const key = await signingKey(channelSecret);
  const expected = Uint8Array.from(atob(signature), (char) => char.charCodeAt(0));
  return crypto.subtle.verify('HMAC', key, expected, body);
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
