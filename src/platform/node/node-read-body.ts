import { finished } from 'node:stream';
import { incomingOf } from './incoming-of.js';

/**
 * Reads a request body straight from Node's IncomingMessage. @hono/node-server would first build a whole web
 * Request (headers, an AbortSignal, a web stream over the socket) just to hand the same bytes back, which costs
 * more than the rest of a small JSON request. Only a body whose length was declared takes this path: the body
 * limit has already checked that length against the route's limit and left the request as it was. A chunked
 * body, one already being read, or an in-process request goes through the web Request as before.
 */
export async function nodeReadBody(request: Request, platform: unknown): Promise<Uint8Array<ArrayBuffer>> {
  const incoming = incomingOf(platform);
  const declared = request.headers.has('content-length') && !request.headers.has('transfer-encoding');
  if (!incoming || !declared || incoming.readableDidRead) return new Uint8Array(await request.arrayBuffer());
  // Plain 'data' listeners and `finished` (what `for await` builds on, without its async iterator and a promise
  // per chunk). `finished` reports a client that went away mid-body as ERR_STREAM_PREMATURE_CLOSE, as before.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    finished(incoming, (error) => {
      if (error) reject(error);
      // Socket chunks are views of ordinary ArrayBuffers, never shared ones.
      else resolve((chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)) as Uint8Array<ArrayBuffer>);
    });
  });
}
