import { eq } from 'drizzle-orm';
import type { ConversationEngine } from '../../conversation/conversation-engine.js';
import { readState } from '../../conversation/conversation-state.js';
import type { InboundEvent, OutboundMessage } from '../../conversation/messages.js';
import { conversations, outbox } from '../../db/schema.js';
import { type Locale, t } from '../../i18n/index.js';
import type { AppDeps } from '../../platform/ports.js';
import { stableId } from '../../util/stable-id.js';
import { storeChannelPhoto } from '../store-channel-photo.js';
import { callLine, type LineConfig, LineRefusedError, lineApi } from './line-api.js';
import { lineConversation, setLineReachable } from './line-conversation.js';
import { choiceFromPostback } from './postback-data.js';
import { readLineContent } from './read-line-content.js';
import { renderLineMessages } from './render-line-messages.js';
import { sendLineReply } from './send-line-reply.js';
import type { LineEvent } from './webhook-schema.js';

type Deps = AppDeps & { config: LineConfig };

/**
 * One webhook event, run as a job (so the webhook was acknowledged at once). Safe to run twice: the turn and
 * its reply's outbox row are one atomic write keyed by the event id, so a redelivered event or a retried job
 * finds the row and only finishes sending it.
 */
export async function handleLineEvent(
  deps: Deps,
  engine: ConversationEngine,
  event: LineEvent,
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
      return converse(deps, engine, event, userId, { type: 'follow' });
    case 'postback': {
      const value = choiceFromPostback(event.postback?.data ?? '');
      if (!value) return;
      return converse(deps, engine, event, userId, { type: 'choice', value });
    }
    case 'message': {
      const message = event.message;
      if (message?.type === 'text' && typeof message.text === 'string') {
        return converse(deps, engine, event, userId, { type: 'text', text: message.text });
      }
      if (message?.type === 'image') return receivePhoto(deps, engine, event, userId, message.id);
      return converse(deps, engine, event, userId, null, 'channels.unsupported_message');
    }
    default:
      // Other events (read receipts of videos, account links, …) need no answer.
      return;
  }
}

const replyRowKey = (event: LineEvent) => `line_reply:${event.webhookEventId}`;
const replyRowId = (event: LineEvent) => stableId('ob_', replyRowKey(event));

async function replyRowExists(deps: Deps, event: LineEvent): Promise<boolean> {
  const [row] = await deps.database.db
    .select({ id: outbox.id })
    .from(outbox)
    .where(eq(outbox.id, replyRowId(event)))
    .limit(1);
  return !!row;
}

/** Runs the turn (or, with only `notice`, answers with that message) once per event, then sends the reply. */
async function converse(
  deps: Deps,
  engine: ConversationEngine,
  event: LineEvent,
  userId: string,
  inbound: InboundEvent | null,
  notice?: string,
): Promise<void> {
  if (!(await replyRowExists(deps, event))) {
    try {
      await saveTurn(deps, engine, event, userId, inbound, notice);
    } catch (error) {
      // Another run of this event saved it first: finish sending its reply.
      if (!(await replyRowExists(deps, event))) throw error;
    }
  }
  await finishReply(deps, event, userId);
}

/**
 * The turn and its reply's outbox row in one atomic write. The row is a plain insert of a unique key, so a
 * second save of the same event fails as a whole instead of answering twice.
 */
async function saveTurn(
  deps: Deps,
  engine: ConversationEngine,
  event: LineEvent,
  userId: string,
  inbound: InboundEvent | null,
  notice: string | undefined,
): Promise<void> {
  const key = replyRowKey(event);
  const rowFor = (messages: OutboundMessage[], conversationId: string) =>
    deps.database.db.insert(outbox).values({
      id: replyRowId(event),
      idempotencyKey: key,
      topic: 'line_reply',
      groupId: key,
      subjectId: conversationId,
      schoolId: '',
      channel: 'line',
      address: userId,
      payload: JSON.stringify(messages),
      fallbacks: null,
      status: 'queued',
      attempts: 0,
      createdAt: deps.clock.now(),
      updatedAt: deps.clock.now(),
    });
  const isFollow = inbound?.type === 'follow';
  const opened = await lineConversation(deps, engine, userId, {
    // A first follow is answered by the welcome alone, saved with the new conversation.
    alsoWrite: isFollow ? (reply) => [rowFor(reply.messages, reply.conversationId)] : undefined,
  });
  if (opened.started && isFollow) return;
  const welcome = opened.started?.messages ?? [];
  if (!inbound) {
    const locale = await conversationLocale(deps, opened.conversationId);
    const text = t(locale, notice ?? 'errors.action_failed');
    await deps.database.atomic([rowFor([...welcome, { type: 'text', text }], opened.conversationId)]);
    return;
  }
  await engine.receive(opened.conversationId, inbound, {
    alsoWrite: (turn) => [rowFor([...welcome, ...turn.messages], turn.conversationId)],
  });
}

async function finishReply(deps: Deps, event: LineEvent, userId: string): Promise<void> {
  const [row] = await deps.database.db
    .select({ subjectId: outbox.subjectId })
    .from(outbox)
    .where(eq(outbox.id, replyRowId(event)))
    .limit(1);
  if (!row) return;
  await sendLineReply(deps, {
    outboxId: replyRowId(event),
    userId,
    locale: await conversationLocale(deps, row.subjectId),
    replyToken: event.replyToken,
    eventAt: event.timestamp,
  });
}

/** Downloads the photo now (LINE keeps content only for a while) and hands it to the conversation. */
async function receivePhoto(
  deps: Deps,
  engine: ConversationEngine,
  event: LineEvent,
  userId: string,
  messageId: string,
): Promise<void> {
  if (await replyRowExists(deps, event)) return finishReply(deps, event, userId);
  const opened = await lineConversation(deps, engine, userId);
  const asked = await engine.photoExpected(opened.conversationId);
  if (!asked?.expected) return converse(deps, engine, event, userId, null, 'limits.photo_not_expected');
  const bytes = await readLineContent(deps, messageId, deps.config.MAX_UPLOAD_BYTES);
  if (!bytes.ok) return converse(deps, engine, event, userId, null, bytes.messageKey);
  const stored = await storeChannelPhoto(deps, opened.conversationId, bytes.value);
  if (!stored.ok) return converse(deps, engine, event, userId, null, stored.messageKey);
  return converse(deps, engine, event, userId, { type: 'image', uploadId: stored.uploadId });
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
