import type { Context, MiddlewareHandler } from 'hono';
import { bodyWasRead } from './request-body.js';

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
 * One body limit for every route, enforced before anything is buffered:
 * - a declared Content-Length over the limit is refused at once, unread;
 * - a body without one (chunked) is counted as the handler reads it, never buffered here: past the limit the
 *   stream fails and the answer becomes the 413, whatever the handler made of the failed read. A handler that
 *   refuses first (no session, no token) never reads it at all.
 *
 * An answer sent before the body was read leaves the rest of it on the wire, so such answers say
 * `Connection: close`: a pooled keep-alive client then opens a new connection for its next request instead of
 * finding this one cut (the Node entry half-closes such connections gently: src/platform/node/lingering-close.ts).
 */
export function bodyLimits(
  rules: BodyLimitRule[],
  /** The 413 itself: JSON for programs, a page for people in the console. */
  tooLarge: (c: Context, maxBytes: number) => Response | Promise<Response>,
): MiddlewareHandler {
  return async (c, next) => {
    const request = c.req.raw;
    const chunked = request.headers.has('transfer-encoding');
    const length = request.headers.get('content-length');
    const declared = length !== null && !chunked ? Number(length) : null;
    if (declared === 0) return next();
    // Only a request that announces neither needs asking for its `body`: asking makes the Node adapter build a
    // whole web Request. A GET or HEAD that announces no body has none (a Request cannot be given one).
    const bodiless = c.req.method === 'GET' || c.req.method === 'HEAD';
    if (declared === null && !chunked && (bodiless || !request.body)) return next();
    const rule = rules.find(
      (candidate) => candidate.method === c.req.method && candidate.path.test(c.req.path),
    );
    const maxBytes = rule?.maxBytes ?? SMALL_BODY_BYTES;

    if (declared !== null && declared > maxBytes) return closing(await tooLarge(c, maxBytes));

    // No length given (chunked, HTTP/2, an in-process request): count what is read.
    const counter = { bytes: 0, exceeded: false };
    if (declared === null) c.req.raw = withCountedBody(request, maxBytes, counter);
    await next();
    if (counter.exceeded) {
      c.res = closing(await tooLarge(c, maxBytes));
      return;
    }
    // A handler that answered without reading the body (no session, no token): the rest is still on the wire.
    if ((chunked || (declared ?? 0) > 0) && c.res.status >= 400 && !bodyWasRead(c)) closing(c.res);
  };
}

/** What a counted body stream fails with; a handler's failed read may surface it directly or as a `cause`. */
export class BodyTooLargeError extends Error {}

export function isBodyTooLarge(error: unknown): boolean {
  return (
    error instanceof BodyTooLargeError || (error instanceof Error && error.cause instanceof BodyTooLargeError)
  );
}

function closing(response: Response): Response {
  response.headers.set('connection', 'close');
  return response;
}

/** The same request whose body stream fails as soon as more than `maxBytes` have passed through it. */
function withCountedBody(request: Request, maxBytes: number, counter: { bytes: number; exceeded: boolean }) {
  const counted = request.body!.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        counter.bytes += chunk.byteLength;
        if (counter.bytes > maxBytes) {
          counter.exceeded = true;
          controller.error(new BodyTooLargeError(`request body larger than ${maxBytes} bytes`));
          return;
        }
        controller.enqueue(chunk);
      },
    }),
  );
  const init: RequestInit & { duplex: 'half' } = { body: counted, duplex: 'half' };
  return new Request(request, init);
}
