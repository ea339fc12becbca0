import { and, eq } from 'drizzle-orm';
import type { ConversationEngine, ConversationReply } from '../../conversation/conversation-engine.js';
import { conversations, wechatIdentities } from '../../db/schema.js';
import type { AppDeps } from '../../platform/ports.js';

export interface WechatUser {
  channel: 'wechat_oa' | 'wechaty';
  /** The Official Account's AppID, or the bot's own contact id. */
  account: string;
  /** OpenID, or Wechaty contact id. */
  externalId: string;
}

/**
 * What conversations, guardian bindings and outbox rows call this user. One deployment has one Official
 * Account (an OpenID is unique within it) and one Wechaty bot, so the prefix alone tells them apart.
 */
export function wechatAddress(user: WechatUser): string {
  return `${user.channel === 'wechat_oa' ? 'oa' : 'wy'}:${user.externalId}`;
}

export interface WechatConversation {
  conversationId: string;
  /** Set when this message started the conversation: the greeting, to send before anything else. */
  started: ConversationReply | null;
}

/**
 * The user's conversation, started (greeting and menu) on their first message, and the record that they just
 * wrote (the 48-hour customer-service window counts from it) and follow the account.
 */
export async function wechatConversation(
  deps: AppDeps,
  engine: ConversationEngine,
  user: WechatUser,
): Promise<WechatConversation> {
  const address = wechatAddress(user);
  const { db } = deps.database;
  const now = deps.clock.now();
  const existing = await conversationOf(deps, address);
  if (existing) {
    await db
      .update(wechatIdentities)
      .set({ lastInboundAt: now, following: true, updatedAt: now })
      .where(eq(wechatIdentities.address, address));
    return { conversationId: existing, started: null };
  }
  let started: ConversationReply;
  try {
    started = await engine.start({
      channel: 'wechat',
      channelUserId: address,
      locale: deps.config.DEFAULT_LOCALE,
    });
  } catch (error) {
    // Two first messages at once: the other one started it (conversations are unique per channel user).
    const raced = await conversationOf(deps, address);
    if (!raced) throw error;
    return { conversationId: raced, started: null };
  }
  await db
    .insert(wechatIdentities)
    .values({
      address,
      channel: user.channel,
      account: user.account,
      externalId: user.externalId,
      conversationId: started.conversationId,
      following: true,
      lastInboundAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing();
  return { conversationId: started.conversationId, started };
}

async function conversationOf(deps: AppDeps, address: string): Promise<string | null> {
  const [row] = await deps.database.db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.channel, 'wechat'), eq(conversations.channelUserId, address)))
    .limit(1);
  return row?.id ?? null;
}

/** An unsubscribe: nothing may be sent to them until they follow again. */
export async function markUnfollowed(deps: AppDeps, address: string): Promise<void> {
  const now = deps.clock.now();
  await deps.database.db
    .update(wechatIdentities)
    .set({ following: false, updatedAt: now })
    .where(eq(wechatIdentities.address, address));
}

export async function wechatIdentity(deps: Pick<AppDeps, 'database'>, address: string) {
  const [row] = await deps.database.db
    .select()
    .from(wechatIdentities)
    .where(eq(wechatIdentities.address, address))
    .limit(1);
  return row ?? null;
}
