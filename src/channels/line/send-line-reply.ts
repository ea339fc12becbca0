import { and, eq, sql } from 'drizzle-orm';
import type { OutboundMessage } from '../../conversation/messages.js';
import { preparedQuery } from '../../db/prepared-query.js';
import { outbox } from '../../db/schema.js';
import type { Locale } from '../../i18n/index.js';
import type { AppDeps, AtomicStatement } from '../../platform/ports.js';
import { callLine, type LineConfig, LineRefusedError, lineApi, retryKeyFor } from './line-api.js';
import { LINE_LIMITS, renderLineMessages } from './render-line-messages.js';

/** LINE's reply tokens last about a minute; after this long we push instead of risking a refused reply. */
export const REPLY_TOKEN_WINDOW_MS = 50_000;

export interface ReplyTarget {
  outboxId: string;
  userId: string;
  locale: Locale;
  replyToken: string | undefined;
  /** When LINE received the event (its `timestamp`). */
  eventAt: number;
}

type OutboxRow = typeof outbox.$inferSelect;

export interface SendOptions {
  /**
   * The row as this run has just saved it, so it is not read again. Saved with `attempts: 1` when
   * `replyTokenFresh` said so: the reply token's use is then committed with the turn itself.
   */
  saved?: Pick<OutboxRow, 'id' | 'status' | 'payload' | 'attempts' | 'sentAt'> & { tokenCounted: boolean };
  /** Commits the row's final write (sent or failed); at once unless the job joins it to its completion. */
  commitLast?: (statements: AtomicStatement[]) => Promise<void> | void;
}

/** Whether the reply token may still be used: present, and not older than REPLY_TOKEN_WINDOW_MS. */
export function replyTokenFresh(target: Pick<ReplyTarget, 'replyToken' | 'eventAt'>, now: number): boolean {
  return !!target.replyToken && now - target.eventAt < REPLY_TOKEN_WINDOW_MS;
}

/**
 * Sends the answer to one event, recorded as an outbox row in the same write as the conversation turn. The
 * first five messages go with the reply token while it is fresh and unused; the rest, and everything when the
 * token is stale or was refused, are pushed with a retry key per batch, so a job run again after a crash never
 * delivers a batch twice. `sentAt` on a still-queued row records that the reply itself went out.
 */
export async function sendLineReply(
  deps: AppDeps & { config: LineConfig },
  target: ReplyTarget,
  options: SendOptions = {},
): Promise<void> {
  const { db } = deps.database;
  const commitLast = options.commitLast ?? ((statements) => deps.database.atomic(statements));
  const row = options.saved ?? (await outboxRow(db).all({ id: target.outboxId }))[0];
  if (row?.status !== 'queued') return;
  const payload: OutboundMessage[] = JSON.parse(row.payload);
  const messages = renderLineMessages(deps.config, target.locale, payload);
  const batches: (typeof messages)[] = [];
  for (let start = 0; start < messages.length; start += LINE_LIMITS.messagesPerRequest) {
    batches.push(messages.slice(start, start + LINE_LIMITS.messagesPerRequest));
  }
  const { messaging } = lineApi(deps.config);
  const now = deps.clock.now();
  let first = 0;
  if (row.sentAt !== null) {
    first = 1;
  } else if (
    batches.length > 0 &&
    replyTokenFresh(target, now) &&
    (row.attempts === 0 || options.saved?.tokenCounted)
  ) {
    // Counted (and committed) before the call: if we crash mid-reply the next run pushes (a reply token cannot
    // be retried). A row saved with the turn was counted in that same commit.
    if (!options.saved?.tokenCounted) {
      await deps.database.atomic([
        db.update(outbox).set({ attempts: 1, updatedAt: now }).where(eq(outbox.id, row.id)),
      ]);
    }
    try {
      await callLine(() => messaging.replyMessage({ replyToken: target.replyToken!, messages: batches[0]! }));
      // With pushes still to come, a run after a crash must know the reply went out. With none, the row's
      // final write below says so.
      if (batches.length > 1) {
        await deps.database.atomic([
          db.update(outbox).set({ sentAt: deps.clock.now() }).where(eq(outbox.id, row.id)),
        ]);
      }
      first = 1;
    } catch (error) {
      // "Invalid reply token" (expired, or used by a run that crashed): push the same messages instead.
      if (!(error instanceof LineRefusedError)) throw error;
      deps.logger.info('line reply token refused, pushing', { outboxId: row.id, reason: error.reason });
    }
  }
  try {
    for (let index = first; index < batches.length; index++) {
      const retryKey = await retryKeyFor(`${row.id}:${index}`);
      await callLine(() => messaging.pushMessage({ to: target.userId, messages: batches[index]! }, retryKey));
    }
  } catch (error) {
    if (!(error instanceof LineRefusedError)) throw error;
    await commitLast([
      db
        .update(outbox)
        .set({ status: 'failed', failReason: error.reason, updatedAt: deps.clock.now() })
        .where(and(eq(outbox.id, row.id), eq(outbox.status, 'queued'))),
    ]);
    return;
  }
  const done = deps.clock.now();
  await commitLast([
    db
      .update(outbox)
      .set({ status: 'sent', sentAt: done, updatedAt: done })
      .where(and(eq(outbox.id, row.id), eq(outbox.status, 'queued'))),
  ]);
}

const outboxRow = preparedQuery((db) =>
  db
    .select()
    .from(outbox)
    .where(eq(outbox.id, sql.placeholder('id')))
    .limit(1)
    .prepare(),
);
