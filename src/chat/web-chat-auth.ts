import type { Context, MiddlewareHandler } from 'hono';
import { type ConversationRow, readConversation } from '../conversation/conversation-row.js';
import { ApiError } from '../http/api-error.js';
import { documented, errorResponse } from '../openapi/index.js';
import type { AppDeps } from '../platform/ports.js';
import { sha256Hex } from '../util/ids.js';
import { ConversationParamsSchema } from './chat-api-schemas.js';

/**
 * Web chat conversations belong to whoever holds the token handed out when the conversation started.
 * An unknown id and a wrong token look the same, so ids cannot be probed.
 */
export async function requireWebConversation(c: Context, deps: AppDeps, conversationId: string) {
  const header = c.req.header('authorization') ?? '';
  const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
  if (!token)
    throw new ApiError(401, 'missing_token', 'Send the conversation token as "Authorization: Bearer …".');
  // The whole row: the message route hands it on to the engine, which then need not read it again.
  const row = await readConversation(deps.database.db, conversationId);
  if (!row || row.tokenHash === null || row.tokenHash !== (await tokenHash(token))) {
    throw new ApiError(404, 'conversation_not_found', 'No such conversation.');
  }
  return row;
}

// Every message of a conversation carries its token, and a Web Crypto digest costs more than the rest of the
// check: the hashes of tokens seen lately are kept (values, not promises: workerd does not let one request
// wait on a promise another made). The process holds these tokens while it serves their requests anyway.
const recentTokenHashes = new Map<string, string>();
const RECENT_TOKENS_MAX = 2_000;

async function tokenHash(token: string): Promise<string> {
  const known = recentTokenHashes.get(token);
  if (known) return known;
  const hash = await sha256Hex(token);
  if (recentTokenHashes.size >= RECENT_TOKENS_MAX) recentTokenHashes.clear();
  recentTokenHashes.set(token, hash);
  return hash;
}

/**
 * The same check as a middleware for routes under /conversations/:id, which also puts the chat-token security
 * scheme and its two errors into each route's OpenAPI entry.
 */
export function webConversationAuth(deps: AppDeps) {
  const middleware: MiddlewareHandler = async (c, next) => {
    const parsed = ConversationParamsSchema.safeParse(c.req.param());
    if (!parsed.success) throw new ApiError(404, 'conversation_not_found', 'No such conversation.');
    c.set('conversationRow', await requireWebConversation(c, deps, parsed.data.id));
    await next();
  };
  return documented(middleware, {
    security: [{ chatToken: [] }],
    responses: {
      '401': errorResponse('missing_token'),
      '404': errorResponse('conversation_not_found (an unknown id and a wrong token look the same)'),
    },
  });
}

/** The conversation row the token check read, for the route behind it. */
export function checkedConversation(c: Context): ConversationRow | undefined {
  const row: unknown = c.get('conversationRow' as never);
  return row && typeof row === 'object' ? (row as ConversationRow) : undefined;
}
