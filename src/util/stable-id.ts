/**
 * A deterministic id from text (cyrb53: 53 bits, fast, not cryptographic). Used where a retried job must
 * produce the same row id again, so its second insert is ignored rather than duplicated.
 */
export function stableId(prefix: string, text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return prefix + (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
