// WeChat signs each webhook request with SHA-1 over its sorted strings (token, timestamp, nonce, and in safe
// mode the encrypted message too). Web Crypto only, so the same code runs on Workers and on Node.

/** Lower-case hex SHA-1 of the parts sorted as strings (WeChat sorts in dictionary order) and joined. */
export async function wechatSignature(parts: readonly string[]): Promise<string> {
  const joined = [...parts].sort().join('');
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(joined));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Compares two hex signatures in time that does not depend on where they differ. */
export function sameSignature(expected: string, given: string): boolean {
  const a = expected.toLowerCase();
  const b = given.toLowerCase();
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index++) difference |= a.charCodeAt(index) ^ b.charCodeAt(index);
  return difference === 0;
}

export async function verifyWechatSignature(parts: readonly string[], given: string): Promise<boolean> {
  if (!/^[0-9a-fA-F]{40}$/.test(given)) return false;
  return sameSignature(await wechatSignature(parts), given);
}
