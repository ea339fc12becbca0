import type { Database } from '../platform/ports.js';

/**
 * drizzle builds and prepares a statement on every call. A query run on every request is prepared once per
 * database (better-sqlite3 statement or D1 prepared statement) and run again with new placeholder values.
 */
export function preparedQuery<T>(build: (db: Database) => T): (db: Database) => T {
  const byDatabase = new WeakMap<Database, T>();
  return (db) => {
    let query = byDatabase.get(db);
    if (query === undefined) {
      query = build(db);
      byDatabase.set(db, query);
    }
    return query;
  };
}
