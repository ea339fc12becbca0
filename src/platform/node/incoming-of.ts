import type { IncomingMessage } from 'node:http';

/** @hono/node-server passes `{ incoming, outgoing }` as the platform value (Hono's c.env); null for anything else. */
export function incomingOf(platform: unknown): IncomingMessage | null {
  if (typeof platform !== 'object' || platform === null || !('incoming' in platform)) return null;
  const { incoming } = platform as { incoming: unknown };
  return typeof incoming === 'object' && incoming !== null && 'socket' in incoming
    ? (incoming as IncomingMessage)
    : null;
}
