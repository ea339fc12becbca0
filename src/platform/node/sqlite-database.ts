import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from '../../db/schema.js';
import type { AtomicStatement, Database, DatabasePort } from '../ports.js';

const here = dirname(fileURLToPath(import.meta.url));
/** Beside the schema in the source tree; the Node bundle (dist/node) carries a copy beside itself. */
export const MIGRATIONS_DIR = existsSync(join(here, 'migrations'))
  ? join(here, 'migrations')
  : join(here, '../../db/migrations');

interface SyncRunnable {
  run(): { changes: number };
}

/** The embedded database: one SQLite file in WAL mode, migrated on open. */
export function openSqliteDatabase(path: string): DatabasePort & { close(): void } {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new BetterSqlite3(path);
  sqlite.pragma('journal_mode = WAL');
  // FULL syncs the WAL on every commit: an acknowledged write survives a power cut, not only a crash.
  // (NORMAL, the WAL default, can roll the last commits back.) Costs an fsync per write; see README.
  sqlite.pragma('synchronous = FULL');
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
    appliedMigrations: async () => countRows(sqlite, '__drizzle_migrations'),
    close: () => sqlite.close(),
  };
}

/** Rows of a bookkeeping table, 0 when it does not exist (a database never migrated). */
function countRows(sqlite: BetterSqlite3.Database, table: string): number {
  const exists = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(table);
  if (!exists) return 0;
  const row = sqlite.prepare(`select count(*) as count from "${table}"`).get() as { count: number };
  return row.count;
}
