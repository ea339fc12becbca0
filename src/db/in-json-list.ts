import { type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';

/**
 * `column in (…ids)` with the ids as one JSON parameter: any number of ids in one statement on D1 (whose
 * statements take at most 100 parameters) and no per-id binding cost on Node.
 */
export function inJsonList(column: SQLiteColumn, ids: readonly string[]): SQL {
  return sql`${column} in (select value from json_each(${JSON.stringify(ids)}))`;
}

/** inJsonList for a prepared query: the JSON list of ids is the placeholder `name`'s value. */
export function inJsonPlaceholder(column: SQLiteColumn, name: string): SQL {
  return sql`${column} in (select value from json_each(${sql.placeholder(name)}))`;
}
