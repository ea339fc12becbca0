import { getTableColumns, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { AtomicStatement, Database } from '../platform/ports.js';

/** Rows per statement: keeps each JSON parameter well under D1's limits (about 100 KB per row of JSON text). */
const ROWS_PER_STATEMENT = 300;

/**
 * Many rows as `INSERT … SELECT … FROM json_each(?)`: one bound parameter per statement however many rows it
 * carries, so D1's 100-parameter limit does not split a send into thousands of statements, and SQLite reads
 * the rows itself instead of the query builder binding every value (10× faster for 10,000 rows).
 * Every column of the table must be given in each row (null where empty). Rows whose key already exists are
 * skipped (`on conflict do nothing`), which makes a repeated job add nothing.
 */
export function insertJsonRows<T extends SQLiteTable>(
  db: Database,
  table: T,
  rows: readonly T['$inferInsert'][],
): AtomicStatement[] {
  const columns = Object.entries(getTableColumns(table));
  const statements: AtomicStatement[] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT).map((row) => {
      const record = row as Record<string, unknown>;
      return columns.map(([key]) => record[key] ?? null);
    });
    // Each row is a JSON array in column order; `where true` keeps SQLite from reading ON CONFLICT as a join.
    const select = sql.join(
      columns.map((_, index) => sql.raw(`json_extract(j.value, '$[${index}]')`)),
      sql`, `,
    );
    statements.push(
      db
        .insert(table)
        .select(sql`select ${select} from json_each(${JSON.stringify(chunk)}) j where true`)
        .onConflictDoNothing(),
    );
  }
  return statements;
}
