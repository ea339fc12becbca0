import { and, eq, sql } from 'drizzle-orm';
import type { ChatIdentity } from '../binding/binding-service.js';
import { CODE_MASK, maskBindingCodesInAll } from '../binding/mask-codes.js';
import { preparedStatement } from '../db/prepared-statement.js';
import { chatMessages, conversations } from '../db/schema.js';
import { abortUnlessChanged, isWriteConflict } from '../db/write-guard.js';
import { type Locale, surfaceOf } from '../i18n/index.js';
import { maskResidentId, normalizeResidentId } from '../identity/index.js';
import type { AppDeps, AtomicStatement } from '../platform/ports.js';
import { newId } from '../util/ids.js';
import type { ActionResult } from './actions/action.js';
import { ACTIONS } from './actions/index.js';
import { awaitsPhoto } from './awaits-photo.js';
import { type ConversationRow, readConversation } from './conversation-row.js';
import { type ConversationState, readState, writeState } from './conversation-state.js';
import type { InboundEvent, OutboundMessage } from './messages.js';
import { renderMessages } from './render-messages.js';
import type { FlowSet } from './validate-flows.js';
import {
  type ActionRequest,
  handleEvent,
  resumeAfterAction,
  startConversation,
  type WalkContext,
  type WalkResult,
} from './walker.js';

export type Channel = 'web' | 'line' | 'wechat';

export interface StartOptions {
  channel: Channel;
  locale: Locale;
  channelUserId?: string;
  tokenHash?: string;
  clientIp?: string | null;
  /** The channel's own writes for this turn (a LINE reply's outbox row), committed in the same atomic write. */
  alsoWrite?: (reply: ConversationReply) => AtomicStatement[];
}

export interface ReceiveOptions {
  clientIp?: string | null;
  /**
   * The row as just read by the caller (the web chat's token check): the first attempt starts from it instead of
   * reading it again. Should someone have saved the conversation since, the save is refused and retried afresh.
   */
  row?: ConversationRow;
  /** As StartOptions.alsoWrite: written only if this turn is saved, so a retried event is recorded once. */
  alsoWrite?: (reply: ConversationReply) => AtomicStatement[];
}

interface Who {
  conversationId: string;
  identity: ChatIdentity;
  clientIp: string | null;
}

/** Web chat has no account: the conversation (whoever holds its token) is the identity. */
function whoFor(
  conversationId: string,
  channel: Channel,
  channelUserId: string | null,
  clientIp: string | null,
): Who {
  const id = channel === 'web' || !channelUserId ? conversationId : channelUserId;
  return { conversationId, identity: { channel, id }, clientIp };
}

export interface ConversationReply {
  conversationId: string;
  locale: Locale;
  messages: OutboundMessage[];
}

/** Thrown when another message for the same conversation kept winning the race to save. */
export class ConversationBusyError extends Error {}

const MAX_ACTIONS_PER_EVENT = 10;
const MAX_SAVE_ATTEMPTS = 3;

/**
 * Channel-neutral engine: loads a conversation, lets the pure walker decide, runs the actions it asks for,
 * then saves state, the inbound event and the replies in one atomic write guarded by the row's revision.
 */
export function createConversationEngine(deps: AppDeps, flows: FlowSet) {
  const context = (): WalkContext => ({
    flows,
    now: deps.clock.now(),
    idleTimeoutMs: deps.config.IDLE_TIMEOUT_MINUTES * 60_000,
  });

  async function runActions(who: Who, walk: WalkResult, walkContext: WalkContext) {
    const statements: AtomicStatement[] = [];
    let result = walk;
    for (let count = 0; result.action; count++) {
      if (count >= MAX_ACTIONS_PER_EVENT) throw new Error('too many actions for one message');
      const outcome = await runAction(who, result.state, result.action);
      statements.push(...(outcome.statements ?? []));
      const next = resumeAfterAction(walkContext, result.state, result.action, outcome);
      // Keep what was said before the action (a `say` step ahead of a `call`).
      result = { ...next, messages: [...result.messages, ...next.messages] };
    }
    return { result, statements };
  }

  async function runAction(who: Who, state: ConversationState, request: ActionRequest) {
    const action = ACTIONS[request.name];
    if (!action) return { ok: false, errorKey: 'errors.action_failed' } satisfies ActionResult;
    try {
      return await action({ deps, ...who, state, vars: request.vars });
    } catch (error) {
      deps.logger.error('conversation action failed', {
        action: request.name,
        conversationId: who.conversationId,
        error,
      });
      return { ok: false, errorKey: 'errors.action_failed' } satisfies ActionResult;
    }
  }

  /**
   * The transcript rows for one turn. A binding code typed anywhere but the code step (at the main menu, in a
   * question, and so echoed back in a reply) is masked in every stored row; the live reply is left as it is.
   */
  async function messageRows(
    conversationId: string,
    event: InboundEvent | null,
    replies: OutboundMessage[],
    now: number,
  ) {
    const rows: { direction: 'in' | 'out'; payload: string }[] = [];
    if (event) rows.push({ direction: 'in', payload: JSON.stringify(event) });
    for (const reply of replies) rows.push({ direction: 'out', payload: JSON.stringify(reply) });
    const payloads = await maskBindingCodesInAll(
      deps,
      rows.map((row) => row.payload),
    );
    return rows.map((row, index) => ({
      conversationId,
      createdAt: now,
      direction: row.direction,
      payload: payloads[index]!,
    }));
  }

  async function start(options: StartOptions): Promise<ConversationReply> {
    const walkContext = context();
    const conversationId = newId('c_');
    const who = whoFor(
      conversationId,
      options.channel,
      options.channelUserId ?? null,
      options.clientIp ?? null,
    );
    const { result, statements } = await runActions(
      who,
      startConversation(walkContext, options.locale),
      walkContext,
    );
    const messages = renderMessages(result.messages, result.state.locale, surfaceOf(options.channel));
    const now = walkContext.now;
    const { db } = deps.database;
    const reply = { conversationId, locale: result.state.locale, messages };
    await deps.database.atomic([
      db.insert(conversations).values({
        id: conversationId,
        channel: options.channel,
        channelUserId: options.channelUserId ?? null,
        tokenHash: options.tokenHash ?? null,
        state: writeState(result.state),
        revision: newId(),
        createdAt: now,
        updatedAt: now,
      }),
      ...insertMessages(deps, await messageRows(conversationId, null, messages, now)),
      ...statements,
      ...(options.alsoWrite?.(reply) ?? []),
    ]);
    return reply;
  }

  /** Handles one inbound event. Returns null when the conversation does not exist. */
  async function receive(
    conversationId: string,
    event: InboundEvent,
    meta: ReceiveOptions = {},
  ): Promise<ConversationReply | null> {
    const { db } = deps.database;
    for (let attempt = 0; attempt < MAX_SAVE_ATTEMPTS; attempt++) {
      const row =
        attempt === 0 && meta.row?.id === conversationId
          ? meta.row
          : await readConversation(db, conversationId);
      if (!row) return null;
      const walkContext = context();
      const stored = readState(row.state);
      const walk = stored
        ? handleEvent(walkContext, stored, event)
        : startConversation(walkContext, deps.config.DEFAULT_LOCALE);
      const who = whoFor(conversationId, row.channel, row.channelUserId, meta.clientIp ?? null);
      const { result, statements } = await runActions(who, walk, walkContext);
      const messages = renderMessages(result.messages, result.state.locale, surfaceOf(row.channel));
      const revision = newId();
      const now = walkContext.now;
      const logged = secretAnswerMask(flows, stored, event) ?? event;
      const reply = { conversationId, locale: result.state.locale, messages };
      try {
        await deps.database.atomic([
          saveState(deps.database, {
            state: writeState(result.state),
            revision,
            updatedAt: now,
            id: conversationId,
            readRevision: row.revision,
          }),
          // Someone else saved this conversation since we read it: nothing below may be written either,
          // not the messages and not the action's own writes (an inquiry must not be filed twice).
          abortUnlessSaved(deps.database, {}),
          ...insertMessages(deps, await messageRows(conversationId, logged, messages, now)),
          ...statements,
          ...(meta.alsoWrite?.(reply) ?? []),
        ]);
        return reply;
      } catch (error) {
        if (!isWriteConflict(error)) throw error;
        deps.logger.warn('conversation write conflict, retrying', { conversationId, attempt });
      }
    }
    throw new ConversationBusyError(conversationId);
  }

  /**
   * Whether the conversation is at a step that asks for a photo (and whether it is an application's document
   * photo, which goes through the document pipeline), and its locale; null when it does not exist.
   */
  async function photoExpected(
    conversationId: string,
  ): Promise<{ expected: boolean; document: boolean; locale: Locale } | null> {
    const [row] = await deps.database.db
      .select({ state: conversations.state })
      .from(conversations)
      .where(eq(conversations.id, conversationId))
      .limit(1);
    if (!row) return null;
    const state = readState(row.state);
    const expected = awaitsPhoto(flows, state);
    const step = state ? flows.get(state.flow)?.steps[state.step] : undefined;
    return {
      expected,
      document: expected && step?.type === 'ask_photo' && step.document === true,
      locale: state?.locale ?? deps.config.DEFAULT_LOCALE,
    };
  }

  return { start, receive, photoExpected };
}

export type ConversationEngine = ReturnType<typeof createConversationEngine>;

/** The new state, only over the revision this turn read (optimistic locking); built once, run every turn. */
const saveState = preparedStatement<{
  state: string;
  revision: string;
  updatedAt: number;
  id: string;
  readRevision: string;
}>((db, values) =>
  db
    .update(conversations)
    .set({
      state: sql`${values.state}`,
      revision: sql`${values.revision}`,
      updatedAt: sql`${values.updatedAt}`,
    })
    .where(and(eq(conversations.id, values.id), eq(conversations.revision, values.readRevision))),
);
const abortUnlessSaved = preparedStatement((db) => abortUnlessChanged(db));

/**
 * A turn's transcript rows, through the runtime's bulk insert (on Node one prepared statement, kept, instead of
 * a query built for every turn). `seq` is left empty for SQLite to number the rows, in order.
 */
function insertMessages(deps: AppDeps, rows: Omit<typeof chatMessages.$inferInsert, 'seq'>[]) {
  return deps.database.insertRows(chatMessages, rows);
}

/**
 * A binding code typed in chat is a key to a child's record, and a 身份证号 is never kept in the clear: the
 * transcript keeps only a mask of either.
 */
function secretAnswerMask(
  flows: FlowSet,
  state: ConversationState | null,
  event: InboundEvent,
): InboundEvent | null {
  if (!state || event.type !== 'text') return null;
  const step = flows.get(state.flow)?.steps[state.step];
  if (step?.type !== 'ask_text') return null;
  if (step.validate === 'binding_code') return { type: 'text', text: CODE_MASK };
  if (step.validate === 'resident_id')
    return { type: 'text', text: maskResidentId(normalizeResidentId(event.text)) || '*' };
  return null;
}
