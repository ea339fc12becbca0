import { and, eq, sql } from 'drizzle-orm';
import type {
  ConversationEngine,
  ConversationReply,
  ReceiveOptions,
} from '../../conversation/conversation-engine.js';
import { preparedQuery } from '../../db/prepared-query.js';
import { channelIdentities, conversations } from '../../db/schema.js';
import { matchLocale } from '../../i18n/index.js';
import type { AppDeps } from '../../platform/ports.js';
import { newId } from '../../util/ids.js';
import { callLine, type LineConfig, lineApi } from './line-api.js';

export interface LineConversation {
  conversationId: string;
  /** The welcome a brand-new conversation starts with (already saved), to send before the answer. */
  started: ConversationReply | null;
}

/**
 * The conversation of a LINE user, started on first contact in the language of their LINE app (from the
 * profile; nothing else of the profile is kept), with the channel identity row other channels share.
 */
export async function lineConversation(
  deps: AppDeps & { config: LineConfig },
  engine: ConversationEngine,
  userId: string,
  startOptions: Pick<ReceiveOptions, 'alsoWrite'> = {},
): Promise<LineConversation> {
  const existing = await findLineConversation(deps, userId);
  if (existing) return { conversationId: existing, started: null };
  const language = await callLine(() => lineApi(deps.config).messaging.getProfile(userId)).then(
    (result) => (result.ok ? result.value.language : undefined),
    () => undefined,
  );
  const now = deps.clock.now();
  try {
    const started = await engine.start({
      channel: 'line',
      channelUserId: userId,
      locale: matchLocale(language, deps.config.DEFAULT_LOCALE),
      alsoWrite: (reply) => [
        deps.database.db.insert(channelIdentities).values({
          id: newId('ci_'),
          channel: 'line',
          // A LINE user's address is their userId (see CHAT_CHANNELS).
          address: userId,
          externalId: userId,
          conversationId: reply.conversationId,
          createdAt: now,
          unreachableSince: null,
        }),
        ...(startOptions.alsoWrite?.(reply) ?? []),
      ],
    });
    return { conversationId: started.conversationId, started };
  } catch (error) {
    // Two events of a new user handled at once: the other one created the conversation (unique index).
    const raced = await findLineConversation(deps, userId);
    if (raced) return { conversationId: raced, started: null };
    throw error;
  }
}

export async function findLineConversation(deps: AppDeps, userId: string): Promise<string | null> {
  const [row] = await lineConversationOf(deps.database.db).all({ userId });
  return row?.id ?? null;
}

/** Read on every LINE event: prepared once per database. */
const lineConversationOf = preparedQuery((db) =>
  db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.channel, 'line'), eq(conversations.channelUserId, sql.placeholder('userId'))))
    .limit(1)
    .prepare(),
);

/** Follow / unfollow: whether notices can reach this LINE user (an unfollowed user gets them elsewhere). */
export async function setLineReachable(deps: AppDeps, userId: string, reachable: boolean): Promise<void> {
  await deps.database.db
    .update(channelIdentities)
    .set({ unreachableSince: reachable ? null : deps.clock.now() })
    .where(and(eq(channelIdentities.channel, 'line'), eq(channelIdentities.externalId, userId)));
}
