import { and, eq, notExists, sql } from 'drizzle-orm';
import { inJsonList } from '../db/in-json-list.js';
import { chatMessages, conversations, outbox } from '../db/schema.js';
import type { AppDeps } from '../platform/ports.js';
import type { ChannelSender, SendOutcome } from './channel-sender.js';

/**
 * The built-in web chat: delivering is writing the messages into the guardian's conversation, where the chat
 * page shows them. The insert reads the outbox rows themselves and only those still queued, inside the atomic
 * write that marks them delivered, so delivering a page twice writes each message once.
 */
export function webChatSender(deps: Pick<AppDeps, 'database' | 'clock'>): ChannelSender {
  const { db } = deps.database;
  return {
    channel: 'web',
    // The ids travel as one JSON parameter, so a batch is not limited by D1's 100 parameters.
    batchSize: 1_000,
    async send(messages) {
      const now = deps.clock.now();
      const ids = JSON.stringify(messages.map((message) => message.id));
      const gone = db
        .update(outbox)
        .set({ status: 'failed', failReason: 'conversation_gone', updatedAt: now })
        .where(
          and(
            inJsonList(
              outbox.id,
              messages.map((message) => message.id),
            ),
            eq(outbox.status, 'queued'),
            notExists(
              db
                .select({ id: conversations.id })
                .from(conversations)
                .where(eq(conversations.id, outbox.address)),
            ),
          ),
        );
      // Columns in table order; a null seq takes the next number.
      const insert = db.insert(chatMessages).select(
        sql`select null, o.address, 'out', j.value, ${now}
          from outbox o join conversations c on c.id = o.address, json_each(o.payload) j
          where o.id in (select value from json_each(${ids})) and o.status = 'queued' and o.channel = 'web'
          order by o.id, j.key`,
      );
      const delivered: SendOutcome = { status: 'delivered' };
      return {
        statements: [gone, insert],
        outcomes: new Map(messages.map((message) => [message.id, delivered])),
      };
    },
  };
}
