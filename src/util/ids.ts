const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

// Every chat turn takes a fresh id or two, and each call into the runtime's random source has a fixed cost (on
// Node a randomFillSync, visible in a turn's profile): ids and secrets take their bytes from a pool filled 4 KiB
// at a time, as Node's own randomUUID does. Each byte is handed out once; a refill makes a new array.
const POOL_BYTES = 4096;
let pool = new Uint8Array(0);
let used = 0;

/** `count` (at most POOL_BYTES) bytes from the system's secure random source. */
function randomBytes(count: number): Uint8Array {
  if (used + count > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(POOL_BYTES));
    used = 0;
  }
  const bytes = pool.subarray(used, used + count);
  used += count;
  return bytes;
}

/** A random id with about 124 bits of entropy; unguessable, URL-safe, lower case. */
export function newId(prefix = ''): string {
  const bytes = randomBytes(24);
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte % 36];
  return prefix + id;
}

/** A secret for bearer tokens: 32 random bytes, base64url. */
export function newSecret(): string {
  return base64Url(randomBytes(32));
}

export function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Many secrets at once (few calls to the random source): the unguessable links of a large send. */
export function newSecrets(count: number): string[] {
  const bytes = new Uint8Array(count * 24);
  // getRandomValues fills at most 65,536 bytes per call.
  for (let start = 0; start < bytes.length; start += 65_536) {
    crypto.getRandomValues(bytes.subarray(start, Math.min(bytes.length, start + 65_536)));
  }
  const secrets: string[] = [];
  for (let index = 0; index < count; index++)
    secrets.push(base64Url(bytes.subarray(index * 24, index * 24 + 24)));
  return secrets;
}
