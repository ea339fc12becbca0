import type { AppConfig } from '../config.js';
import type { AppDeps } from '../platform/ports.js';
import { base64Url } from '../util/ids.js';
import { currentDocuments } from './draft-store.js';

// Short-lived signed links to document photos: the link names the photo, the staff member it was made for and
// when it stops working, signed with HMAC-SHA256. A link copied out of a page expires in minutes and opens for
// nobody else; every view is still checked against the viewer's permissions and audited.

const keys = new WeakMap<AppConfig, Promise<CryptoKey>>();

function keyFor(config: AppConfig): Promise<CryptoKey> {
  let key = keys.get(config);
  if (!key) {
    const seed = `document-link|${config.BINDING_CODE_SECRET ?? 'mingbai-development-only'}`;
    key = crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(seed),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    );
    keys.set(config, key);
  }
  return key;
}

async function signature(config: AppConfig, documentId: string, staffId: string, expires: number) {
  const mac = await crypto.subtle.sign(
    'HMAC',
    await keyFor(config),
    new TextEncoder().encode(`${documentId}|${staffId}|${expires}`),
  );
  return base64Url(new Uint8Array(mac));
}

/** `/console/applications/<app>/documents/<doc>?exp=…&sig=…`, valid for DOCUMENT_LINK_MINUTES. */
export async function signedDocumentUrl(
  config: AppConfig,
  now: number,
  input: { applicationId: string; documentId: string; staffId: string },
): Promise<string> {
  const expires = now + config.DOCUMENT_LINK_MINUTES * 60_000;
  const sig = await signature(config, input.documentId, input.staffId, expires);
  return `/console/applications/${input.applicationId}/documents/${input.documentId}?exp=${expires}&sig=${sig}`;
}

/** The application's current photos, each with a link signed for this staff member. */
export async function signedDocumentLinks(
  deps: Pick<AppDeps, 'config' | 'database' | 'clock'>,
  applicationId: string,
  staffId: string,
): Promise<{ id: string; kind: string; url: string }[]> {
  const now = deps.clock.now();
  const rows = await currentDocuments(deps, applicationId);
  return Promise.all(
    rows.map(async (row) => ({
      id: row.id,
      kind: row.kind,
      url: await signedDocumentUrl(deps.config, now, { applicationId, documentId: row.id, staffId }),
    })),
  );
}

/** Whether a link's signature is right for this photo and this staff member, and it has not expired. */
export async function verifyDocumentLink(
  config: AppConfig,
  now: number,
  input: { documentId: string; staffId: string; exp: string | undefined; sig: string | undefined },
): Promise<boolean> {
  const expires = Number(input.exp);
  if (!Number.isSafeInteger(expires) || expires < now || !input.sig) return false;
  const expected = await signature(config, input.documentId, input.staffId, expires);
  if (expected.length !== input.sig.length) return false;
  let difference = 0;
  for (let index = 0; index < expected.length; index++)
    difference |= expected.charCodeAt(index) ^ input.sig.charCodeAt(index);
  return difference === 0;
}
