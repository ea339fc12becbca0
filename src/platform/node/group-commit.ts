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
 * own caller), and one COMMIT makes them all durable at once. A unit's promise settles only after that commit,
 * so whoever waits for it (an HTTP answer, a job's next step, a LINE reply) never acts on a write that a power
 * cut could still undo. Nothing stays open between turns of the event loop, so other connections are never
 * kept waiting. Should the group fail as a whole (a unit's error ends the transaction, COMMIT fails), nothing
 * of it was committed and every unit runs again on its own, as it would without grouping.
 */
export function createGroupCommit(sqlite: BetterSqlite3.Database) {
  let waiting: Unit[] = [];
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

  function flush() {
    const units = waiting;
    waiting = [];
    if (units.length === 0) return;
    const together = units.length > 1 ? runTogether(units) : null;
    units.forEach((unit, index) => {
      const outcome = together?.[index] ?? attempt(() => transaction(unit.run));
      if (outcome.ok) unit.resolve(outcome.value);
      else unit.reject(outcome.error);
    });
  }

  return {
    /** Runs `run` (synchronous database work) in the next group; resolves once it is committed. */
    submit<T>(run: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        if (waiting.length === 0) setImmediate(flush);
        waiting.push({ run, resolve: resolve as (value: unknown) => void, reject });
      });
    },
    /** Commits what is waiting now (before the connection closes). */
    flush,
  };
}
