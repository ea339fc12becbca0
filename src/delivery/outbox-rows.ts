import { outbox } from '../db/schema.js';
import type { AppDeps, AtomicStatement } from '../platform/ports.js';

export type NewOutboxRow = typeof outbox.$inferInsert;
const COLUMNS = 16;

/**
 * Inserts for outbox rows, as many rows per statement as the database's parameter limit allows (D1: 100
 * parameters, so 6 rows). Rows whose idempotency key exists are skipped, so recording a send twice records it once.
 */
export function outboxInsertStatements(
  deps: Pick<AppDeps, 'database'>,
  rows: readonly NewOutboxRow[],
): AtomicStatement[] {
  const perStatement = Math.max(1, Math.floor(deps.database.maxBoundParameters / COLUMNS));
  const statements: AtomicStatement[] = [];
  for (let start = 0; start < rows.length; start += perStatement) {
    statements.push(
      deps.database.db
        .insert(outbox)
        .values(rows.slice(start, start + perStatement).map(fill))
        .onConflictDoNothing(),
    );
  }
  return statements;
}

/** Every column given, so each row binds the same number of parameters. */
function fill(row: NewOutboxRow): NewOutboxRow {
  return {
    failReason: null,
    address: null,
    attempts: 0,
    sentAt: null,
    deliveredAt: null,
    ...row,
  };
}
