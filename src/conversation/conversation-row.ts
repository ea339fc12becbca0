import { eq, sql } from 'drizzle-orm';
import { preparedQuery } from '../db/prepared-query.js';
import { conversations } from '../db/schema.js';
import type { Database } from '../platform/ports.js';

export type ConversationRow = typeof conversations.$inferSelect;

// No `.limit(1)` (the id is the primary key): SQLite's planner reads a bound LIMIT's value, so every new binding
// of it would make SQLite compile the statement again, on every chat turn.
const conversationById = preparedQuery((db) =>
  db
    .select()
    .from(conversations)
    .where(eq(conversations.id, sql.placeholder('id')))
    .prepare(),
);

/** The whole conversation row (state included), or null; prepared once per database. */
export async function readConversation(db: Database, id: string): Promise<ConversationRow | null> {
  const [row] = await conversationById(db).all({ id });
  return row ?? null;
}
