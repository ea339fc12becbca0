import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppConfig } from '../../config.js';
import { base64Url } from '../../util/ids.js';

// After the server has checked a LIFF ID token for one notice link, the page that follows (the ordinary notice
// page at /n/<token>) must know the guardian came through LINE, so their receipt says channel "line". A cookie
// scoped to that link carries it, signed so the browser cannot make one up.

const COOKIE = 'mb_liff';
const TTL_MS = 2 * 60 * 60 * 1000;

async function mac(config: Pick<AppConfig, 'BINDING_CODE_SECRET'>, text: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(`liff-session:${config.BINDING_CODE_SECRET ?? ''}`),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return base64Url(new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(text))));
}

export async function setLiffSession(
  c: Context,
  config: Pick<AppConfig, 'BINDING_CODE_SECRET'>,
  token: string,
  recipientId: string,
  now: number,
): Promise<void> {
  const expires = now + TTL_MS;
  const value = `${recipientId}.${expires}`;
  setCookie(c, COOKIE, `${value}.${await mac(config, value)}`, {
    path: `/n/${token}`,
    httpOnly: true,
    secure: new URL(c.req.url).protocol === 'https:',
    sameSite: 'Lax',
    maxAge: TTL_MS / 1000,
  });
}

/** Whether this request carries a LIFF session for this recipient, still valid. */
export async function hasLiffSession(
  c: Context,
  config: Pick<AppConfig, 'BINDING_CODE_SECRET'>,
  recipientId: string,
  now: number,
): Promise<boolean> {
  const cookie = getCookie(c, COOKIE);
  if (!cookie) return false;
  const [id, expires, signature] = cookie.split('.');
  if (id !== recipientId || !expires || !signature || Number(expires) <= now) return false;
  return signature === (await mac(config, `${id}.${expires}`));
}
