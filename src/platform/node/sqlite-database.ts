import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from '../../db/schema.js';
import type { AtomicStatement, Database, DatabasePort } from '../ports.js';
import { createGroupCommit } from './group-commit.js';
import { shareReadSnapshots } from './read-snapshots.js';
import { createWalCheckpointer } from './wal-checkpointer.js';
import { createWalSync } from './wal-sync.js';

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
  // The reads of one turn of the event loop share one read transaction (see read-snapshots.ts); before the
  // statement cache, so each statement is wrapped once, when it is made.
  const snapshots = shareReadSnapshots(sqlite);
  cachePreparedStatements(sqlite);
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });

  // better-sqlite3 builders run synchronously, so the whole list runs inside one synchronous transaction (a
  // savepoint of the group commit shared with the other atomic writes of this turn of the event loop).
  const walSync = path === ':memory:' ? null : createWalSync(path);
  // Checkpoints on a thread of their own instead of inside a COMMIT on the event loop (see wal-checkpointer.ts),
  // every hundred groups: under a chat load a few thousand pages of log (SQLite's own default is a thousand),
  // so the log restarts, with one fsync on the event loop, a few times a second at most.
  const checkpointer =
    path === ':memory:'
      ? null
      : createWalCheckpointer(path, {
          groupsPerCheckpoint: 100,
          onFailure: () => sqlite.pragma('wal_autocheckpoint = 1000'),
        });
  if (checkpointer) sqlite.pragma('wal_autocheckpoint = 0');
  const groupCommit = createGroupCommit(
    sqlite,
    () => {
      checkpointer?.committed();
      return walSync?.sync() ?? Promise.resolve();
    },
    () => checkpointer?.holding(),
  );
  const runAll = (statements: readonly AtomicStatement[]) =>
    statements.map((statement) => (statement as unknown as SyncRunnable).run().changes);

  // Bulk inserts run one cached prepared statement per row inside the atomic transaction: SQLite's own speed,
  // without the query builder binding every value.
  const prepared = new Map<string, BetterSqlite3.Statement>();
  const keptStatement = (text: string) => {
    let statement = prepared.get(text);
    if (!statement) {
      statement = sqlite.prepare(text);
      prepared.set(text, statement);
    }
    return statement;
  };
  const insertRows: DatabasePort['insertRows'] = (table, rows) => {
    if (rows.length === 0) return [];
    const columns = Object.entries(getTableColumns(table));
    const text = `insert into "${getTableName(table)}" (${columns.map(([, column]) => `"${column.name}"`).join(', ')}) values (${columns.map(() => '?').join(', ')}) on conflict do nothing`;
    const insert = keptStatement(text);
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

  // A kept statement and its values: run as it is, without drizzle building its SQL again.
  const statement: DatabasePort['statement'] = (text, values) => {
    const kept = keptStatement(text);
    const runnable: SyncRunnable = { run: () => kept.run(values) };
    return runnable as unknown as AtomicStatement;
  };

  return {
    db: db as unknown as Database,
    insertRows,
    statement,
    atomic: async (statements) => {
      if (statements.length === 0) return [];
      return groupCommit.submit(() => runAll(statements));
    },
    atomicQuery: (run) =>
      groupCommit.submit(() => {
        const result = run();
        // A promise here would settle after the savepoint: its write would be outside the group's bookkeeping.
        if (result instanceof Promise) throw new Error('atomicQuery runs synchronously on better-sqlite3');
        return result;
      }),
    ping: async () => {
      db.get(sql`select 1`);
    },
    appliedMigrations: async () => countRows(sqlite, '__drizzle_migrations'),
    // SQLite's own limit (SQLITE_MAX_VARIABLE_NUMBER) is 32766; stay well below it.
    maxBoundParameters: 30_000,
    close: () => {
      // What is waiting is committed now; its writers are told once the fsync under way is done.
      void groupCommit.flush();
      snapshots.end();
      walSync?.close();
      checkpointer?.close();
      sqlite.close();
    },
  };
}

/** Distinct SQL texts kept prepared; queries with a list of values of varying length make more texts. */
const STATEMENT_CACHE_MAX = 500;

/**
 * drizzle asks better-sqlite3 to prepare every query it runs, and most are the same few texts again (a LINE
 * event runs about fifteen): the connection keeps its prepared statements by text and hands them out again,
 * most recently used kept. A statement comes back as it was made (`raw` off; drizzle sets it per call), and
 * better-sqlite3 runs each one synchronously, so two callers never use one at the same time.
 */
function cachePreparedStatements(sqlite: BetterSqlite3.Database) {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, BetterSqlite3.Statement>();
  sqlite.prepare = ((text: string) => {
    let statement = cache.get(text);
    if (statement) {
      cache.delete(text);
      if (statement.reader) statement.raw(false);
    } else {
      statement = prepare(text);
      if (cache.size >= STATEMENT_CACHE_MAX) cache.delete(cache.keys().next().value!);
    }
    cache.set(text, statement);
    return statement;
  }) as typeof sqlite.prepare;
}

/** Rows of a bookkeeping table, 0 when it does not exist (a database never migrated). */
function countRows(sqlite: BetterSqlite3.Database, table: string): number {
  const exists = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(table);
  if (!exists) return 0;
  const row = sqlite.prepare(`select count(*) as count from "${table}"`).get() as { count: number };
  return row.count;
}
