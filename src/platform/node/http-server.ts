import { createServer, type Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { withLingeringClose } from './lingering-close.js';

export interface NodeServerOptions {
  fetch: (request: Request, platform: unknown) => Response | Promise<Response>;
  hostname: string;
  /** A client must finish sending its headers within this time. */
  headersTimeoutMs: number;
  /** …and its whole request, body included (a photo or a roster file over a slow phone connection). */
  requestTimeoutMs: number;
}

/**
 * The Node HTTP server around the app: timeouts far below Node's defaults, so slow or stalled clients cannot
 * hold connections open for minutes, and a lingering close after answers sent before the body was read.
 */
export function createNodeServer(options: NodeServerOptions): Server {
  const listener = getRequestListener(options.fetch, { hostname: options.hostname });
  return createServer(
    {
      // Node refuses a headers timeout longer than the request timeout.
      headersTimeout: Math.min(options.headersTimeoutMs, options.requestTimeoutMs),
      requestTimeout: options.requestTimeoutMs,
      // How often Node looks for requests past those timeouts (default 30 s, longer than the timeouts).
      connectionsCheckingInterval: Math.min(1000, options.headersTimeoutMs),
      keepAliveTimeout: 5000,
    },
    withLingeringClose(listener, { maxMs: 3000, maxBytes: 1024 * 1024 }),
  );
}
