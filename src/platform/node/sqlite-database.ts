import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'drizzle-orm';
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

  return {
    db: db as unknown as Database,
    atomic: async (statements) => runAll(statements),
    ping: async () => {
      db.get(sql`select 1`);
    },
    // SQLite's own limit (SQLITE_MAX_VARIABLE_NUMBER) is 32766; stay well below it.
    maxBoundParameters: 30_000,
    close: () => sqlite.close(),
  };
}
