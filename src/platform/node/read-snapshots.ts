import { setImmediate } from 'node:timers';
import type BetterSqlite3 from 'better-sqlite3';

/** The read transaction a turn's reads share; `end` it before anything else uses the connection. */
export interface ReadSnapshots {
  end(): void;
}

/**
 * In WAL mode a statement run outside a transaction opens and closes a read transaction of its own: a lock and an
 * unlock on the shared-memory file and a stat of the database, three system calls that cost more than most of
 * the statements themselves (a chat turn runs a few such reads). Here the reads of one turn of the event loop
 * share one read transaction instead, opened by the first of them and ended in the loop's check phase, before
 * anything writes: writes wait for a group commit (group-commit.ts) or end the snapshot before they run.
 *
 * A snapshot only ever holds reads, so ending it commits nothing. Every read in it sees the database as it was
 * at its first read: this connection writes only after ending it, and another connection's commit meanwhile is
 * seen from the next turn on, as it would be by a read that had started a moment earlier.
 *
 * Every statement of the connection goes through it: reads join the snapshot, anything else ends it first,
 * whether prepared (by drizzle too), run by `exec` or begun by one of better-sqlite3's transaction functions.
 */
export function shareReadSnapshots(sqlite: BetterSqlite3.Database): ReadSnapshots {
  const begin = sqlite.prepare('BEGIN DEFERRED');
  const commit = sqlite.prepare('COMMIT');
  let open = false;
  const end = () => {
    if (!open) return;
    open = false;
    if (sqlite.inTransaction) commit.run();
  };
  const beforeRead = () => {
    if (open || sqlite.inTransaction) return;
    begin.run();
    open = true;
    setImmediate(end);
  };

  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((text: string) => withSnapshots(prepare(text), beforeRead, end)) as typeof sqlite.prepare;
  const exec = sqlite.exec.bind(sqlite);
  sqlite.exec = (source: string) => {
    end();
    return exec(source);
  };
  // better-sqlite3 runs a transaction's BEGIN itself, past `prepare`: the snapshot ends before it starts.
  const transaction = sqlite.transaction.bind(sqlite);
  sqlite.transaction = ((fn: (...args: unknown[]) => unknown) => {
    const made = transaction(fn);
    const ending = (run: (...args: unknown[]) => unknown) =>
      function (this: unknown, ...args: unknown[]) {
        end();
        return run.apply(this, args);
      };
    return Object.assign(ending(made), {
      default: ending(made.default),
      deferred: ending(made.deferred),
      immediate: ending(made.immediate),
      exclusive: ending(made.exclusive),
    });
  }) as unknown as typeof sqlite.transaction;
  return { end };
}

const RUNNERS = ['run', 'get', 'all', 'iterate'] as const;

function withSnapshots(statement: BetterSqlite3.Statement, beforeRead: () => void, end: () => void) {
  // BEGIN, COMMIT and most PRAGMAs count as read-only too, but return no rows: they are not reads.
  const before = statement.reader && statement.readonly ? beforeRead : end;
  for (const name of RUNNERS) {
    const run = statement[name] as (...args: unknown[]) => unknown;
    Object.defineProperty(statement, name, {
      value(...args: unknown[]) {
        before();
        return run.apply(statement, args);
      },
    });
  }
  return statement;
}
