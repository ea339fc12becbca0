import type { MiddlewareHandler } from 'hono';
import { APPLY_PAGE_SCRIPT } from '../applications/apply-page-script.min.js';
import { LIFF_PAGE_SCRIPT } from '../channels/line/liff-page-script.min.js';
import { CHAT_CARD_SCRIPT } from '../chat/chat-card-script.min.js';
import { CHAT_PAGE_SCRIPT } from '../chat/chat-page-script.min.js';
import { GUARDIAN_PAGE_SCRIPT } from '../notices/guardian-page-script.min.js';

/**
 * The inline code our pages run: the chat page's scripts, the notice page's script, the /apply photo page's
 * script, the LIFF page's script, the console's print button and the students list's class filter. Nothing
 * else may run: a new inline script must be listed here.
 */
const INLINE_SCRIPTS = [
  CHAT_CARD_SCRIPT,
  CHAT_PAGE_SCRIPT,
  GUARDIAN_PAGE_SCRIPT,
  APPLY_PAGE_SCRIPT,
  LIFF_PAGE_SCRIPT,
];
const INLINE_HANDLERS = ['window.print()', 'this.form.submit()'];

async function sha256Source(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return `'sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}'`;
}

/** What LINE's LIFF SDK needs on the LIFF pages only: its own script, and LINE's login and API hosts. */
const LIFF_CONNECT = [
  'https://api.line.me',
  'https://access.line.me',
  'https://liff.line.me',
  'https://liffsdk.line-scdn.net',
];

async function contentSecurityPolicy(liffSdkOrigin?: string): Promise<string> {
  const scripts = await Promise.all(INLINE_SCRIPTS.map(sha256Source));
  const handlers = await Promise.all(INLINE_HANDLERS.map(sha256Source));
  const liffScript = liffSdkOrigin ? ` ${liffSdkOrigin}` : '';
  const liffConnect = liffSdkOrigin ? ` ${[liffSdkOrigin, ...LIFF_CONNECT].join(' ')}` : '';
  return [
    "default-src 'self'",
    `script-src 'self'${liffScript} ${scripts.join(' ')} 'unsafe-hashes' ${handlers.join(' ')}`,
    // Inline <style> blocks and a few style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    // Photos a parent sent are shown from blob: URLs.
    "img-src 'self' data: blob:",
    `connect-src 'self'${liffConnect}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Defence in depth for every page: a CSP allowing only our own inline code (by hash), no framing, no referrer
 * (a binding code can be in the URL: /chat?bind=…), no MIME sniffing. Console pages and the chat API show
 * names and live binding codes, so no browser or proxy may keep a copy of them.
 */
export function securityHeaders(options: { liffSdkUrl?: string } = {}): MiddlewareHandler {
  let policy: Promise<string> | undefined;
  let liffPolicy: Promise<string> | undefined;
  const liffOrigin = options.liffSdkUrl ? new URL(options.liffSdkUrl).origin : undefined;
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    headers.set('x-content-type-options', 'nosniff');
    headers.set('referrer-policy', 'no-referrer');
    if (headers.get('content-type')?.startsWith('text/html')) {
      if (c.req.path.startsWith('/liff/') && liffOrigin) {
        liffPolicy ??= contentSecurityPolicy(liffOrigin);
        headers.set('content-security-policy', await liffPolicy);
      } else {
        policy ??= contentSecurityPolicy();
        headers.set('content-security-policy', await policy);
      }
      headers.set('x-frame-options', 'DENY');
    }
    if (c.req.path.startsWith('/console') || c.req.path.startsWith('/api/chat')) {
      headers.set('cache-control', 'no-store');
    }
  };
}
