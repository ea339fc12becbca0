import type { Context } from 'hono';
import type { AppDeps } from '../platform/ports.js';

// Handlers read bodies through these rather than c.req.text(), so the runtime's readBody port is used when it
// has one (src/platform/ports.ts). createApp's first middleware stores a reader for each request on the context.

export interface RequestBody {
  /** The whole body; read it once. */
  read(): Promise<Uint8Array<ArrayBuffer>>;
  /** Whether read() was called (the web Request's `bodyUsed` does not see a read through the port). */
  readonly used: boolean;
}

export type RequestBodyVariables = { body: RequestBody };

const decoder = new TextDecoder();

/** This request's body, read through the runtime's port when there is one. */
export function requestBodyOf(deps: AppDeps, c: Context): RequestBody {
  let used = false;
  return {
    get used() {
      return used;
    },
    async read() {
      used = true;
      // c.req.raw is read at the call: the body limit may have replaced it with a counted stream.
      if (deps.readBody) return deps.readBody(c.req.raw, c.env);
      return new Uint8Array(await c.req.arrayBuffer());
    },
  };
}

/** Whether a handler read the body, by either path. */
export function bodyWasRead(c: Context): boolean {
  const body: RequestBody | undefined = c.get('body');
  return (body?.used ?? false) || c.req.raw.bodyUsed;
}

/** The whole body as bytes. */
export async function requestBytes(c: Context): Promise<Uint8Array<ArrayBuffer>> {
  const body: RequestBody | undefined = c.get('body');
  return body ? body.read() : new Uint8Array(await c.req.arrayBuffer());
}

/** The whole body as UTF-8 text (a byte-order mark dropped, as Request.text() does). */
export async function requestText(c: Context): Promise<string> {
  return decoder.decode(await requestBytes(c));
}
