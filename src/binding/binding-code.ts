// Binding codes are short enough to type from a paper slip and avoid look-alike characters (no 0/O, 1/I/L).
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 8;

export function generateBindingCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(CODE_LENGTH * 2));
  let code = '';
  // Rejection sampling keeps every character equally likely.
  for (const byte of bytes) {
    if (byte >= 248) continue;
    code += CODE_ALPHABET[byte % CODE_ALPHABET.length];
    if (code.length === CODE_LENGTH) return code;
  }
  return code + generateBindingCode().slice(code.length);
}

/** Accepts what people type: lower case, spaces, dashes, full-width characters. Null if it cannot be a code. */
export function normalizeBindingCode(input: string): string | null {
  const code = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-_·.]/g, '');
  if (code.length !== CODE_LENGTH) return null;
  return [...code].every((char) => CODE_ALPHABET.includes(char)) ? code : null;
}

export function formatBindingCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
