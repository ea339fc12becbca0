import { eq, sql } from 'drizzle-orm';
import { preparedQuery } from '../db/prepared-query.js';
import { conversations } from '../db/schema.js';
import type { Database } from '../platform/ports.js';

export type ConversationRow = typeof conversations.$inferSelect;

const conversationById = preparedQuery((db) =>
  db
    .select()
    .from(conversations)
    .where(eq(conversations.id, sql.placeholder('id')))
    .limit(1)
    .prepare(),
);

/** The whole conversation row (state included), or null; prepared once per database. */
export async function readConversation(db: Database, id: string): Promise<ConversationRow | null> {
  const [row] = await conversationById(db).all({ id });
  return row ?? null;
}
