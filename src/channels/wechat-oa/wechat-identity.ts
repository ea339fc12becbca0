import { and, eq } from 'drizzle-orm';
import type { ConversationEngine, ConversationReply } from '../../conversation/conversation-engine.js';
import { channelIdentities, conversations } from '../../db/schema.js';
import type { AppDeps } from '../../platform/ports.js';
import { newId } from '../../util/ids.js';

export interface WechatUser {
  /** How they reach Mingbai: the school's Official Account, or a Wechaty bot (both are the `wechat` channel). */
  via: 'official_account' | 'wechaty';
  /** The Official Account's AppID, or the bot's own contact id. */
  account: string;
  /** OpenID, or Wechaty contact id. */
  externalId: string;
}

/**
 * The user's address (see CHAT_CHANNELS in src/db/schema.ts): what conversations, guardian bindings, outbox rows
 * and channel_identities call them. One deployment has one Official Account (an OpenID is unique within it) and
 * one Wechaty bot, so the prefix alone tells them apart.
 */
export function wechatAddress(user: Pick<WechatUser, 'via' | 'externalId'>): string {
  return `${user.via === 'official_account' ? 'oa' : 'wy'}:${user.externalId}`;
}

export interface WechatConversation {
  conversationId: string;
  /** Set when this message started the conversation: the greeting, to send before anything else. */
  started: ConversationReply | null;
}

/**
 * The user's conversation, started (greeting and menu) on their first message, and the record in
 * channel_identities that they just wrote (the 48-hour customer-service window counts from it) and can be
 * reached again (writing to the account undoes an unfollow).
 */
export async function wechatConversation(
  deps: AppDeps,
  engine: ConversationEngine,
  user: WechatUser,
): Promise<WechatConversation> {
  const address = wechatAddress(user);
  const now = deps.clock.now();
  const identity = (conversationId: string) =>
    deps.database.db
      .insert(channelIdentities)
      .values({
        id: newId('ci_'),
        channel: 'wechat',
        address,
        externalId: user.externalId,
        account: user.account,
        conversationId,
        createdAt: now,
        lastInboundAt: now,
        unreachableSince: null,
      })
      .onConflictDoUpdate({
        target: [channelIdentities.channel, channelIdentities.address],
        set: { lastInboundAt: now, unreachableSince: null },
      });
  const existing = await conversationOf(deps, address);
  if (existing) {
    await identity(existing);
    return { conversationId: existing, started: null };
  }
  try {
    const started = await engine.start({
      channel: 'wechat',
      channelUserId: address,
      locale: deps.config.DEFAULT_LOCALE,
      // Written with the conversation, so there is never a conversation notices cannot find.
      alsoWrite: (reply) => [identity(reply.conversationId)],
    });
    return { conversationId: started.conversationId, started };
  } catch (error) {
    // Two first messages at once: the other one started it (conversations are unique per channel user).
    const raced = await conversationOf(deps, address);
    if (!raced) throw error;
    await identity(raced);
    return { conversationId: raced, started: null };
  }
}

async function conversationOf(deps: AppDeps, address: string): Promise<string | null> {
  const [row] = await deps.database.db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.channel, 'wechat'), eq(conversations.channelUserId, address)))
    .limit(1);
  return row?.id ?? null;
}

/** An unsubscribe: nothing may be sent to them on WeChat until they follow again (notices use their other channels). */
export async function markUnfollowed(deps: AppDeps, address: string): Promise<void> {
  await deps.database.db
    .update(channelIdentities)
    .set({ unreachableSince: deps.clock.now() })
    .where(and(eq(channelIdentities.channel, 'wechat'), eq(channelIdentities.address, address)));
}
