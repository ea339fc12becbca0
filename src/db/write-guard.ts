import { sql } from 'drizzle-orm';
import type { Database } from '../platform/ports.js';
import { writeGuards } from './schema.js';

/**
 * A statement that aborts the atomic write it is part of when the statement just before it changed no rows.
 * Put it right after an optimistic `update … where revision = ?`: if someone else wrote first, nothing at all
 * is saved (neither the update nor anything after it) and `isWriteConflict` recognises the error.
 */
export function abortUnlessChanged(db: Database) {
  return db.insert(writeGuards).select(sql`select null where changes() = 0`);
}

export function isWriteConflict(error: unknown): boolean {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    if (current.message.includes('write_guards')) return true;
  }
  return false;
}
