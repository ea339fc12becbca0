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
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  // Socket chunks are views of ordinary ArrayBuffers, never shared ones.
  return (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)) as Uint8Array<ArrayBuffer>;
}
