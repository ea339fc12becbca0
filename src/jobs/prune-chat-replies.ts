import { and, gte, lt } from 'drizzle-orm';
import { outbox } from '../db/schema.js';
import type { AppDeps } from '../platform/ports.js';

/**
 * Channel replies kept in the outbox (a LINE reply is saved with its turn so a redelivered event is answered
 * once) are chat history: they go when the chat history does. They belong to no school (schoolId ''), so no
 * school's pages ever list them. Their group ids all start `line_reply:`, so the range below reads only them
 * through the (group_id, status) index instead of the whole outbox.
 */
export async function pruneChatReplies(deps: AppDeps, before: number): Promise<void> {
  await deps.database.db
    .delete(outbox)
    .where(
      and(
        gte(outbox.groupId, 'line_reply:'),
        lt(outbox.groupId, 'line_reply;'),
        lt(outbox.createdAt, before),
      ),
    );
}
