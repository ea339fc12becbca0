import { base64Url } from '../util/ids.js';

// A print's plain codes must survive a reload of the print page, yet a copy of the database alone must not
// reveal them (they open children's records). So they are sealed with AES-GCM under a key derived from the
// printing staff session's cookie token: the database only ever holds that token's hash.

async function keyFor(printId: string, sessionToken: string): Promise<CryptoKey> {
  const material = new TextEncoder().encode(`mingbai-slips:${printId}:${sessionToken}`);
  const raw = await crypto.subtle.digest('SHA-256', material);
  return crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const padded = text.replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(padded + '='.repeat((4 - (padded.length % 4)) % 4)), (char) =>
    char.charCodeAt(0),
  );
}

/** `iv.ciphertext`, both base64url. */
export async function sealCodes(
  printId: string,
  sessionToken: string,
  codes: ReadonlyMap<string, string>,
): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plain = new TextEncoder().encode(JSON.stringify(Object.fromEntries(codes)));
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv },
    await keyFor(printId, sessionToken),
    plain,
  );
  return `${base64Url(iv)}.${base64Url(new Uint8Array(sealed))}`;
}

/** The codes by student id, or null when this session did not print them (or the text was tampered with). */
export async function openCodes(
  printId: string,
  sessionToken: string,
  sealed: string,
): Promise<Map<string, string> | null> {
  const [iv, body] = sealed.split('.');
  if (!iv || !body) return null;
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64Url(iv) },
      await keyFor(printId, sessionToken),
      fromBase64Url(body),
    );
    const parsed: unknown = JSON.parse(new TextDecoder().decode(plain));
    if (typeof parsed !== 'object' || parsed === null) return null;
    return new Map(
      Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    );
  } catch {
    return null;
  }
}
