import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/** Forms and JSON bodies: a log-in, a chat message or a policy question is far smaller than this. */
export const SMALL_BODY_BYTES = 16 * 1024;

/** Multipart framing (boundaries, part headers, other small fields) on top of the file itself. */
export const MULTIPART_OVERHEAD_BYTES = 16 * 1024;

export interface BodyLimitRule {
  method: string;
  /** Matched against the whole path; routes not listed get SMALL_BODY_BYTES. */
  path: RegExp;
  /** The largest body accepted, framing included. */
  maxBytes: number;
}

/**
 * One body limit for every route, checked before any handler reads a byte: a declared Content-Length over the
 * limit is refused unread, and a chunked body is counted while it streams and refused as soon as it passes the
 * limit. Routes that take files are listed in `rules`; everything else gets SMALL_BODY_BYTES.
 *
 * An error answered before the body was read leaves the rest of it on the wire, so such responses say
 * `Connection: close`: a pooled keep-alive client then opens a new connection for its next request instead of
 * finding this one cut.
 */
export function bodyLimits(
  rules: BodyLimitRule[],
  /** The 413 itself: JSON for programs, a page for people in the console. */
  tooLarge: (c: Context, maxBytes: number) => Response | Promise<Response>,
): MiddlewareHandler {
  const limiters = new Map<number, MiddlewareHandler>();
  const limiterFor = (maxBytes: number) => {
    let limiter = limiters.get(maxBytes);
    if (!limiter) {
      limiter = bodyLimit({ maxSize: maxBytes, onError: (c) => tooLarge(c, maxBytes) });
      limiters.set(maxBytes, limiter);
    }
    return limiter;
  };

  return async (c, next) => {
    const headers = c.req.raw.headers;
    const hasBody = headers.has('transfer-encoding') || Number(headers.get('content-length')) > 0;
    if (!hasBody) return next();
    const rule = rules.find((candidate) => candidate.method === c.req.method && candidate.path.test(c.req.path));
    const refused = await limiterFor(rule?.maxBytes ?? SMALL_BODY_BYTES)(c, next);
    if (refused instanceof Response) {
      refused.headers.set('connection', 'close');
      return refused;
    }
    // A handler that answered without reading the body (no session, no token): the rest is still unread.
    if (c.res.status >= 400 && !c.req.raw.bodyUsed) c.res.headers.set('connection', 'close');
  };
}
