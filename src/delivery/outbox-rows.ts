import { outbox } from '../db/schema.js';
import type { AppDeps, AtomicStatement } from '../platform/ports.js';

export type NewOutboxRow = typeof outbox.$inferInsert;

/**
 * Inserts for outbox rows, many per statement. Rows whose idempotency key exists are skipped, so recording a
 * send twice records it once.
 */
export function outboxInsertStatements(
  deps: Pick<AppDeps, 'database'>,
  rows: readonly NewOutboxRow[],
): AtomicStatement[] {
  return deps.database.insertRows(
    outbox,
    rows.map((row) => ({
      failReason: null,
      fallbacks: null,
      address: null,
      attempts: 0,
      sentAt: null,
      deliveredAt: null,
      ...row,
    })),
  );
}
