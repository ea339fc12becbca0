import type { Context } from 'hono';

/** What the runtime tells about a request that the request itself cannot be trusted to say. */
export interface RequestInfo {
  /** The caller's address, for rate limits and the audit log; null when the runtime does not know it. */
  clientIp: string | null;
  /** The origin people type in their browser (https://… behind a TLS proxy), for CSRF checks and links. */
  publicOrigin: string;
}

export type RequestInfoVariables = { clientIp: string | null; publicOrigin: string };

// Set for every request by createApp's first middleware.
export function clientIp(c: Context): string | null {
  const value: unknown = c.get('clientIp');
  return typeof value === 'string' ? value : null;
}

export function publicOrigin(c: Context): string {
  const value: unknown = c.get('publicOrigin');
  return typeof value === 'string' ? value : new URL(c.req.url).origin;
}
