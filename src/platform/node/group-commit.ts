import { setImmediate } from 'node:timers';
import type BetterSqlite3 from 'better-sqlite3';

interface Unit {
  run: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

function attempt(run: () => unknown): Outcome {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    return { ok: false, error };
  }
}

/**
 * Group commit for a SQLite connection in synchronous=FULL mode, where every COMMIT waits for an fsync of the
 * WAL: twenty requests that each commit alone wait for twenty fsyncs in a row, the event loop blocked for each.
 *
 * Units of work submitted within one turn of the event loop run together on the next `setImmediate`: one
 * transaction, each unit in its own savepoint (a unit that fails undoes only its own writes and fails only its
 * own caller), and one COMMIT. That COMMIT runs at synchronous=NORMAL, which writes the WAL without waiting for
 * the disk (and still syncs around checkpoints, so the file can never be corrupted), and the group then waits
 * for `syncWal`, an fsync of the WAL on a thread of its own, while the event loop serves other requests. A
 * unit's promise settles only after that fsync, so whoever waits for it (an HTTP answer, a job's next step, a
 * LINE reply) never acts on a write that a power cut could still undo: the durability of FULL, without its
 * blocking. (Another request in this process may read such a write a few milliseconds before it is on disk,
 * as it could on D1; nothing is acknowledged to its writer before then.)
 *
 * Nothing stays open between turns of the event loop, so other connections are never kept waiting. Should the
 * group fail as a whole (a unit's error ends the transaction, COMMIT fails), nothing of it was committed and
 * every unit runs again on its own, as it would without grouping. Plain writes outside a group keep FULL.
 */
export function createGroupCommit(
  sqlite: BetterSqlite3.Database,
  syncWal: () => Promise<void>,
  /** While it returns a promise, groups wait for it to settle (see wal-checkpointer.ts); the loop goes on. */
  holdWrites: () => Promise<void> | undefined = () => undefined,
) {
  let waiting: Unit[] = [];
  const withoutWaitingForDisk = sqlite.prepare('PRAGMA synchronous = NORMAL');
  const waitingForDisk = sqlite.prepare('PRAGMA synchronous = FULL');
  const begin = sqlite.prepare('BEGIN');
  const commit = sqlite.prepare('COMMIT');
  const rollback = sqlite.prepare('ROLLBACK');
  // A savepoint inside the group's transaction; a transaction of its own when run alone.
  const transaction = sqlite.transaction((run: () => unknown) => run());

  /** null when the group as a whole did not commit. */
  function runTogether(units: readonly Unit[]): Outcome[] | null {
    try {
      begin.run();
      const outcomes: Outcome[] = [];
      for (const unit of units) {
        outcomes.push(attempt(() => transaction(unit.run)));
        if (!sqlite.inTransaction) return null;
      }
      commit.run();
      return outcomes;
    } catch {
      if (sqlite.inTransaction) rollback.run();
      return null;
    }
  }

  /** Runs the units, together when it can; every outcome is committed (not yet durable) when it returns. */
  function commitAll(units: readonly Unit[]): Outcome[] {
    withoutWaitingForDisk.run();
    try {
      const together = units.length > 1 ? runTogether(units) : null;
      return units.map((unit, index) => together?.[index] ?? attempt(() => transaction(unit.run)));
    } finally {
      waitingForDisk.run();
    }
  }

  function flush(): Promise<void> {
    const units = waiting;
    waiting = [];
    if (units.length === 0) return Promise.resolve();
    let outcomes: Outcome[];
    try {
      outcomes = commitAll(units);
    } catch (error) {
      // The connection itself failed (closed, say): nothing ran.
      for (const unit of units) unit.reject(error);
      return Promise.resolve();
    }
    return syncWal().then(
      () => {
        units.forEach((unit, index) => {
          const outcome = outcomes[index]!;
          if (outcome.ok) unit.resolve(outcome.value);
          else unit.reject(outcome.error);
        });
      },
      // Committed, but the disk refused it: nobody may be told their write is safe.
      (error: unknown) => {
        for (const unit of units) unit.reject(error);
      },
    );
  }

  return {
    /** Runs `run` (synchronous database work) in the next group; resolves once it is committed. */
    submit<T>(run: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        if (waiting.length === 0) {
          setImmediate(() => {
            const held = holdWrites();
            if (held) void held.then(flush);
            else void flush();
          });
        }
        waiting.push({ run, resolve: resolve as (value: unknown) => void, reject });
      });
    },
    /** Commits what is waiting now (before the connection closes); resolves once it is on disk. */
    flush,
  };
}
