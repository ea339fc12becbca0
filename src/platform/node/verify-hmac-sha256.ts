import { createHmac, timingSafeEqual } from 'node:crypto';
import type { HmacSha256Verifier } from '../ports.js';

/**
 * HMAC-SHA256 checked in place. Web Crypto on Node runs every MAC as a job on the libuv thread pool: a few
 * microseconds of hashing, but a hand-off and a wake-up each time, which on a busy machine stalls the event
 * loop far longer than the hash (a LINE webhook pays it on every request). node:crypto hashes on the spot.
 */
export const verifyHmacSha256: HmacSha256Verifier = (secret, data, mac) => {
  const computed = createHmac('sha256', secret).update(data).digest();
  return mac.length === computed.length && timingSafeEqual(computed, mac);
};
