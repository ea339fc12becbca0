import { and, eq, sql } from 'drizzle-orm';
import * as z from 'zod';
import { inJsonList } from '../db/in-json-list.js';
import { outbox } from '../db/schema.js';
import type { AppDeps, AtomicStatement } from '../platform/ports.js';
import { stableId } from '../util/stable-id.js';
import type { ChannelSender, DeliveryChannel, OutboxMessage, SendOutcome } from './channel-sender.js';
import { type NewOutboxRow, outboxInsertStatements } from './outbox-rows.js';
import type { JobContext } from './run-claimed-job.js';

export interface DeliverOptions {
  senders: Partial<Record<DeliveryChannel, ChannelSender>>;
  /** Rows per page: each page is read, sent and recorded before the next. */
  pageSize: number;
  /** Stop after this many pages and report `more` (Workers: keep each queue invocation short). */
  maxPages?: number;
}

export class RetryLaterError extends Error {}

/**
 * Sends the queued outbox rows of one group, page by page. Each batch is one atomic write that moves its rows
 * out of `queued` only where they still are, so two runs of the same job (a redelivered Queue message, a run
 * resumed after kill -9) send every message once.
 */
export async function deliverOutboxGroup(
  deps: Pick<AppDeps, 'database' | 'clock' | 'logger'>,
  groupId: string,
  context: JobContext,
  options: DeliverOptions,
): Promise<{ more: boolean }> {
  const { db } = deps.database;
  let retryReason: string | null = null;
  const skipped = new Set<string>();
  for (let page = 0; ; page++) {
    if (options.maxPages !== undefined && page >= options.maxPages) return { more: true };
    const rows = await db
      .select({
        id: outbox.id,
        idempotencyKey: outbox.idempotencyKey,
        channel: outbox.channel,
        address: outbox.address,
        payload: outbox.payload,
        fallbacks: outbox.fallbacks,
        topic: outbox.topic,
        subjectId: outbox.subjectId,
        schoolId: outbox.schoolId,
      })
      .from(outbox)
      .where(and(eq(outbox.groupId, groupId), eq(outbox.status, 'queued')))
      // The index (group_id, status) holds rows in rowid order: ordering by it needs no sort of every queued
      // row on each page (ordering by id would, making a big send quadratic).
      .orderBy(sql`${outbox}.rowid`)
      .limit(options.pageSize + skipped.size);
    const todo = rows.filter((row) => !skipped.has(row.id));
    if (todo.length === 0) break;

    const byChannel = new Map<DeliveryChannel, OutboxMessage[]>();
    const unsendable: string[] = [];
    const rowsById = new Map(todo.map((row) => [row.id, row]));
    for (const row of todo) {
      if (row.channel === 'none' || !row.address || !options.senders[row.channel]) {
        unsendable.push(row.id);
        continue;
      }
      const list = byChannel.get(row.channel) ?? [];
      list.push({ ...row, channel: row.channel, address: row.address });
      byChannel.set(row.channel, list);
    }
    if (unsendable.length > 0) {
      await deps.database.atomic([
        ...statusUpdates(deps, unsendable, { status: 'failed', reason: 'channel_unavailable' }),
        ...fallbackRows(
          deps,
          groupId,
          unsendable.map((id) => rowsById.get(id)!),
        ),
      ]);
    }
    for (const [channel, messages] of byChannel) {
      const sender = options.senders[channel]!;
      for (let start = 0; start < messages.length; start += sender.batchSize) {
        const batch = messages.slice(start, start + sender.batchSize);
        const result = await sender.send(batch);
        const grouped = new Map<
          string,
          { outcome: Exclude<SendOutcome, { status: 'retry' }>; ids: string[] }
        >();
        for (const message of batch) {
          const outcome = result.outcomes.get(message.id) ?? { status: 'retry', reason: 'no answer' };
          if (outcome.status === 'retry') {
            retryReason = outcome.reason;
            skipped.add(message.id);
            continue;
          }
          const key = outcome.status === 'failed' ? `failed:${outcome.reason}` : outcome.status;
          const entry = grouped.get(key) ?? { outcome, ids: [] };
          entry.ids.push(message.id);
          grouped.set(key, entry);
        }
        const updates = [...grouped.values()].flatMap((entry) =>
          statusUpdates(deps, entry.ids, entry.outcome),
        );
        const failed = [...grouped.values()]
          .filter((entry) => entry.outcome.status === 'failed')
          .flatMap((entry) => entry.ids.map((id) => rowsById.get(id)!));
        await deps.database.atomic([
          ...result.statements,
          ...updates,
          ...fallbackRows(deps, groupId, failed),
        ]);
      }
    }
    if (!(await context.renewLease())) throw new RetryLaterError('lost the job lease');
    // Let requests in between pages (the Node process serves the console while a big send runs).
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  if (retryReason) throw new RetryLaterError(`some messages must be retried: ${retryReason}`);
  return { more: false };
}

const fallbackSchema = z.array(
  z.object({ channel: z.enum(['web', 'line', 'wechat']), address: z.string().min(1), payload: z.string() }),
);
export type OutboxFallback = z.infer<typeof fallbackSchema>[number];

interface FallbackSource {
  id: string;
  idempotencyKey: string;
  topic: string;
  subjectId: string;
  schoolId: string;
  fallbacks: string | null;
}

/**
 * For rows that failed for good: a new queued row on the next of the person's channels (their preference order,
 * set when the row was written), carrying the rest. The failed row stays as it is, so the outbox shows every
 * channel tried and the one that delivered. Written in the same atomic write as the failure, keyed on the
 * failed row, so a page handled twice adds one.
 */
function fallbackRows(
  deps: Pick<AppDeps, 'database' | 'clock'>,
  groupId: string,
  rows: readonly FallbackSource[],
): AtomicStatement[] {
  const now = deps.clock.now();
  const next: NewOutboxRow[] = [];
  for (const row of rows) {
    if (!row.fallbacks) continue;
    const parsed = fallbackSchema.safeParse(JSON.parse(row.fallbacks));
    if (!parsed.success || parsed.data.length === 0) continue;
    const [first, ...rest] = parsed.data;
    next.push({
      id: stableId('ob_', `${row.id}|next`),
      idempotencyKey: `${row.idempotencyKey}|then:${first!.channel}:${first!.address}`,
      topic: row.topic,
      groupId,
      subjectId: row.subjectId,
      schoolId: row.schoolId,
      channel: first!.channel,
      address: first!.address,
      payload: first!.payload,
      fallbacks: rest.length > 0 ? JSON.stringify(rest) : null,
      status: 'queued',
      createdAt: now,
      updatedAt: now,
    });
  }
  return next.length > 0 ? outboxInsertStatements(deps, next) : [];
}

/** Moves rows out of `queued`, in statements that fit the database's bound-parameter limit. */
function statusUpdates(
  deps: Pick<AppDeps, 'database' | 'clock'>,
  ids: readonly string[],
  outcome: Exclude<SendOutcome, { status: 'retry' }>,
): AtomicStatement[] {
  const now = deps.clock.now();
  const perStatement = 1_000;
  const set =
    outcome.status === 'delivered'
      ? { status: 'delivered' as const, sentAt: now, deliveredAt: now }
      : outcome.status === 'sent'
        ? { status: 'sent' as const, sentAt: now }
        : { status: 'failed' as const, failReason: outcome.reason.slice(0, 200) };
  const statements: AtomicStatement[] = [];
  for (let start = 0; start < ids.length; start += perStatement) {
    statements.push(
      deps.database.db
        .update(outbox)
        .set({ ...set, attempts: sql`${outbox.attempts} + 1`, updatedAt: now })
        .where(
          and(inJsonList(outbox.id, ids.slice(start, start + perStatement)), eq(outbox.status, 'queued')),
        ),
    );
  }
  return statements;
}
