import { eq, sql } from 'drizzle-orm';
import type { ConversationEngine } from '../../conversation/conversation-engine.js';
import { readState } from '../../conversation/conversation-state.js';
import type { InboundEvent, OutboundMessage } from '../../conversation/messages.js';
import { preparedQuery } from '../../db/prepared-query.js';
import { conversations, outbox } from '../../db/schema.js';
import type { JobContext } from '../../delivery/index.js';
import { type Locale, t } from '../../i18n/index.js';
import type { AppDeps } from '../../platform/ports.js';
import { stableId } from '../../util/stable-id.js';
import { storeChannelPhoto } from '../store-channel-photo.js';
import { callLine, type LineConfig, LineRefusedError, lineApi } from './line-api.js';
import { lineConversation, setLineReachable } from './line-conversation.js';
import { choiceFromPostback } from './postback-data.js';
import { readLineContent } from './read-line-content.js';
import { renderLineMessages } from './render-line-messages.js';
import { replyTokenFresh, type SendOptions, sendLineReply } from './send-line-reply.js';
import type { LineEvent } from './webhook-schema.js';

type Deps = AppDeps & { config: LineConfig };
/** What the run needs from its job: where the reply's final write goes (with the job's completion). */
type Job = Pick<JobContext, 'completeWith'>;

/**
 * One webhook event, run as a job (so the webhook was acknowledged at once). Safe to run twice: the turn and
 * its reply's outbox row are one atomic write keyed by the event id, so a redelivered event or a retried job
 * finds the row and only finishes sending it.
 */
export async function handleLineEvent(
  deps: Deps,
  engine: ConversationEngine,
  event: LineEvent,
  job: Job = {},
): Promise<void> {
  const source = event.source;
  if (!source) return;
  if (source.type !== 'user') return answerGroup(deps, event);
  const userId = source.userId;
  switch (event.type) {
    case 'unfollow':
      await setLineReachable(deps, userId, false);
      return;
    case 'follow':
      await setLineReachable(deps, userId, true);
      return converse(deps, engine, event, job, userId, { type: 'follow' });
    case 'postback': {
      const value = choiceFromPostback(event.postback?.data ?? '');
      if (!value) return;
      return converse(deps, engine, event, job, userId, { type: 'choice', value });
    }
    case 'message': {
      const message = event.message;
      if (message?.type === 'text' && typeof message.text === 'string') {
        return converse(deps, engine, event, job, userId, { type: 'text', text: message.text });
      }
      if (message?.type === 'image') return receivePhoto(deps, engine, event, job, userId, message.id);
      return converse(deps, engine, event, job, userId, null, 'channels.unsupported_message');
    }
    default:
      // Other events (read receipts of videos, account links, …) need no answer.
      return;
  }
}

const replyRowKey = (event: LineEvent) => `line_reply:${event.webhookEventId}`;
const replyRowId = (event: LineEvent) => stableId('ob_', replyRowKey(event));

async function replyRowExists(deps: Deps, event: LineEvent): Promise<boolean> {
  const [row] = await replyRowById(deps.database.db).all({ id: replyRowId(event) });
  return !!row;
}

const replyRowById = preparedQuery((db) =>
  db
    .select({ id: outbox.id })
    .from(outbox)
    .where(eq(outbox.id, sql.placeholder('id')))
    .limit(1)
    .prepare(),
);

/** The reply row as this run saved it, and the conversation's locale after the turn. */
interface SavedReply {
  row: NonNullable<SendOptions['saved']>;
  locale: Locale;
}

/** Runs the turn (or, with only `notice`, answers with that message) once per event, then sends the reply. */
async function converse(
  deps: Deps,
  engine: ConversationEngine,
  event: LineEvent,
  job: Job,
  userId: string,
  inbound: InboundEvent | null,
  notice?: string,
): Promise<void> {
  let saved: SavedReply | null = null;
  if (!(await replyRowExists(deps, event))) {
    try {
      saved = await saveTurn(deps, engine, event, userId, inbound, notice);
    } catch (error) {
      // Another run of this event saved it first: finish sending its reply.
      if (!(await replyRowExists(deps, event))) throw error;
    }
  }
  await finishReply(deps, event, job, userId, saved);
}

/**
 * The turn and its reply's outbox row in one atomic write. The row is a plain insert of a unique key, so a
 * second save of the same event fails as a whole instead of answering twice. A reply token fresh enough to
 * use is counted in the row (attempts 1) by this same write, as sendLineReply would before replying.
 * Returns the row as saved, or null when nothing was (the conversation is gone).
 */
async function saveTurn(
  deps: Deps,
  engine: ConversationEngine,
  event: LineEvent,
  userId: string,
  inbound: InboundEvent | null,
  notice: string | undefined,
): Promise<SavedReply | null> {
  const key = replyRowKey(event);
  const now = deps.clock.now();
  const tokenCounted = replyTokenFresh({ replyToken: event.replyToken, eventAt: event.timestamp }, now);
  const savedRow = (messages: OutboundMessage[]): SavedReply['row'] => ({
    id: replyRowId(event),
    status: 'queued',
    payload: JSON.stringify(messages),
    attempts: tokenCounted ? 1 : 0,
    sentAt: null,
    tokenCounted,
  });
  const insert = ({ tokenCounted: _, ...saved }: SavedReply['row'], conversationId: string) =>
    deps.database.db.insert(outbox).values({
      ...saved,
      idempotencyKey: key,
      topic: 'line_reply',
      groupId: key,
      subjectId: conversationId,
      schoolId: '',
      channel: 'line',
      address: userId,
      fallbacks: null,
      createdAt: now,
      updatedAt: now,
    });
  const isFollow = inbound?.type === 'follow';
  let welcomeRow: SavedReply['row'] | null = null;
  const opened = await lineConversation(deps, engine, userId, {
    // A first follow is answered by the welcome alone, saved with the new conversation.
    alsoWrite: isFollow
      ? (reply) => {
          welcomeRow = savedRow(reply.messages);
          return [insert(welcomeRow, reply.conversationId)];
        }
      : undefined,
  });
  if (opened.started && isFollow) return welcomeRow && { row: welcomeRow, locale: opened.started.locale };
  const welcome = opened.started?.messages ?? [];
  if (!inbound) {
    const locale = opened.started?.locale ?? (await conversationLocale(deps, opened.conversationId));
    const saved = savedRow([...welcome, { type: 'text', text: t(locale, notice ?? 'errors.action_failed') }]);
    await deps.database.atomic([insert(saved, opened.conversationId)]);
    return { row: saved, locale };
  }
  let turnRow: SavedReply['row'] | null = null;
  const turn = await engine.receive(opened.conversationId, inbound, {
    alsoWrite: (reply) => {
      turnRow = savedRow([...welcome, ...reply.messages]);
      return [insert(turnRow, reply.conversationId)];
    },
  });
  return turn && turnRow ? { row: turnRow, locale: turn.locale } : null;
}

/** Sends the event's reply: the row this run saved, or the one an earlier run left (read again). */
async function finishReply(
  deps: Deps,
  event: LineEvent,
  job: Job,
  userId: string,
  saved: SavedReply | null,
): Promise<void> {
  let locale = saved?.locale;
  if (!locale) {
    const [row] = await deps.database.db
      .select({ subjectId: outbox.subjectId })
      .from(outbox)
      .where(eq(outbox.id, replyRowId(event)))
      .limit(1);
    if (!row) return;
    locale = await conversationLocale(deps, row.subjectId);
  }
  await sendLineReply(
    deps,
    {
      outboxId: replyRowId(event),
      userId,
      locale,
      replyToken: event.replyToken,
      eventAt: event.timestamp,
    },
    { saved: saved?.row, commitLast: job.completeWith },
  );
}

/** Downloads the photo now (LINE keeps content only for a while) and hands it to the conversation. */
async function receivePhoto(
  deps: Deps,
  engine: ConversationEngine,
  event: LineEvent,
  job: Job,
  userId: string,
  messageId: string,
): Promise<void> {
  if (await replyRowExists(deps, event)) return finishReply(deps, event, job, userId, null);
  const opened = await lineConversation(deps, engine, userId);
  const asked = await engine.photoExpected(opened.conversationId);
  if (!asked?.expected) return converse(deps, engine, event, job, userId, null, 'limits.photo_not_expected');
  const bytes = await readLineContent(deps, messageId, deps.config.MAX_UPLOAD_BYTES);
  if (!bytes.ok) return converse(deps, engine, event, job, userId, null, bytes.messageKey);
  const stored = await storeChannelPhoto(deps, opened.conversationId, bytes.value);
  if (!stored.ok) return converse(deps, engine, event, job, userId, null, stored.messageKey);
  return converse(deps, engine, event, job, userId, { type: 'image', uploadId: stored.uploadId });
}

async function conversationLocale(deps: Deps, conversationId: string): Promise<Locale> {
  const [row] = await deps.database.db
    .select({ state: conversations.state })
    .from(conversations)
    .where(eq(conversations.id, conversationId))
    .limit(1);
  return (row && readState(row.state)?.locale) || deps.config.DEFAULT_LOCALE;
}

/**
 * Mingbai talks to one family at a time: in a group or a room it says so once when invited and when spoken
 * to, and never reads the group's messages into a conversation (other parents' words are not ours to keep).
 */
async function answerGroup(deps: Deps, event: LineEvent): Promise<void> {
  const speaks = event.type === 'join' || (event.type === 'message' && event.message?.type === 'text');
  if (!speaks || !event.replyToken) return;
  const messages = renderLineMessages(deps.config, deps.config.DEFAULT_LOCALE, [
    { type: 'text', text: groupHello() },
  ]);
  try {
    await callLine(() =>
      lineApi(deps.config).messaging.replyMessage({ replyToken: event.replyToken!, messages }),
    );
  } catch (error) {
    // A retried job finds its reply token used: the group already had its answer.
    if (!(error instanceof LineRefusedError)) throw error;
  }
}

/** Groups mix families who may read any language: all three, shortest first. */
function groupHello(): string {
  return [
    t('zh-CN', 'channels.group_hello'),
    t('zh-TW', 'channels.group_hello'),
    t('en', 'channels.group_hello'),
  ].join('\n\n');
}
