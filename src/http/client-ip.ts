import type { Context } from 'hono';

/** The caller's address for rate limits and the audit log: Cloudflare's header first, then a proxy's, else none. */
export function clientIp(c: Context): string | null {
  return (
    c.req.header('cf-connecting-ip') ??
    c.req.header('x-real-ip') ??
    c.req.header('x-forwarded-for')?.split(',')[0]?.trim() ??
    null
  );
}
