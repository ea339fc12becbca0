import * as z from 'zod';
import type { AppConfig } from '../../config.js';

const verified = z.object({
  iss: z.literal('https://access.line.me'),
  sub: z.string().regex(/^U[0-9a-f]{32}$/),
  aud: z.string(),
  exp: z.number(),
});

/** The LINE Login channel a LIFF app belongs to: the digits before the dash of its LIFF id. */
export function liffChannelId(liffId: string): string {
  return liffId.split('-')[0]!;
}

/**
 * The LINE user a LIFF page was opened by, from the ID token liff.getIDToken() gave the page, checked by LINE
 * itself (POST /oauth2/v2.1/verify). Null when LINE does not vouch for it (forged, expired, another channel's).
 * Only this is trusted: a user id or profile the page sends is never used.
 */
export async function verifyLiffIdToken(
  config: Pick<AppConfig, 'LINE_API_BASE_URL' | 'LINE_LIFF_ID'>,
  idToken: string,
  now: number,
): Promise<string | null> {
  if (!config.LINE_LIFF_ID) return null;
  const clientId = liffChannelId(config.LINE_LIFF_ID);
  const response = await fetch(new URL('/oauth2/v2.1/verify', config.LINE_API_BASE_URL), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ id_token: idToken, client_id: clientId }).toString(),
  });
  if (response.status === 400) return null;
  if (!response.ok) throw new Error(`LINE ID token verification answered ${response.status}`);
  const parsed = verified.safeParse(await response.json());
  if (!parsed.success || parsed.data.aud !== clientId || parsed.data.exp * 1000 <= now) return null;
  return parsed.data.sub;
}
