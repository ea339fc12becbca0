import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from '../../db/schema.js';
import type { AtomicStatement, Database, DatabasePort } from '../ports.js';

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../db/migrations');

interface SyncRunnable {
  run(): { changes: number };
}

/** The embedded database: one SQLite file in WAL mode, migrated on open. */
export function openSqliteDatabase(path: string): DatabasePort & { close(): void } {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new BetterSqlite3(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });

  // better-sqlite3 builders run synchronously, so the whole list runs inside one synchronous transaction.
  const runAll = sqlite.transaction((statements: readonly AtomicStatement[]) =>
    statements.map((statement) => (statement as unknown as SyncRunnable).run().changes),
  );

  // Bulk inserts run one cached prepared statement per row inside the atomic transaction: SQLite's own speed,
  // without the query builder binding every value.
  const prepared = new Map<string, BetterSqlite3.Statement>();
  const insertRows: DatabasePort['insertRows'] = (table, rows) => {
    if (rows.length === 0) return [];
    const columns = Object.entries(getTableColumns(table));
    const text = `insert into "${getTableName(table)}" (${columns.map(([, column]) => `"${column.name}"`).join(', ')}) values (${columns.map(() => '?').join(', ')}) on conflict do nothing`;
    let statement = prepared.get(text);
    if (!statement) {
      statement = sqlite.prepare(text);
      prepared.set(text, statement);
    }
    const insert = statement;
    const values = rows.map((row) =>
      columns.map(([key, column]) => {
        const value = (row as Record<string, unknown>)[key];
        return value === undefined || value === null ? null : column.mapToDriverValue(value);
      }),
    );
    const runnable: SyncRunnable = {
      run: () => {
        let changes = 0;
        for (const each of values) changes += insert.run(each).changes;
        return { changes };
      },
    };
    return [runnable as unknown as AtomicStatement];
  };

  return {
    db: db as unknown as Database,
    insertRows,
    atomic: async (statements) => runAll(statements),
    ping: async () => {
      db.get(sql`select 1`);
    },
    // SQLite's own limit (SQLITE_MAX_VARIABLE_NUMBER) is 32766; stay well below it.
    maxBoundParameters: 30_000,
    close: () => sqlite.close(),
  };
}
