import { sha256Hex } from '../util/ids.js';

/**
 * Compares a typed setup token with the configured one without leaking, through timing, how much of it
 * matched: both are hashed first, so the comparison always walks 64 hex characters.
 */
export async function setupTokenMatches(expected: string | undefined, typed: string): Promise<boolean> {
  if (!expected || typed.length === 0) return false;
  const [a, b] = await Promise.all([sha256Hex(expected), sha256Hex(typed.trim())]);
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
