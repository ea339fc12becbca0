import { and, eq, isNotNull } from 'drizzle-orm';
import type { OutboundMessage } from '../../conversation/messages.js';
import { inJsonList } from '../../db/in-json-list.js';
import { channelIdentities } from '../../db/schema.js';
import type { ChannelSender, OutboxMessage, SendOutcome } from '../../delivery/index.js';
import type { AppDeps } from '../../platform/ports.js';
import {
  callLine,
  type LineConfig,
  LineRefusedError,
  LineUnavailableError,
  lineApi,
  retryKeyFor,
} from './line-api.js';
import { LINE_LIMITS, renderLineMessages } from './render-line-messages.js';

/** LINE's multicast takes at most 500 user ids per request. */
export const MULTICAST_MAX = 500;
/** Pushes in flight at once: well under LINE's 2,000 requests/s, enough to keep a class send quick. */
const PUSH_CONCURRENCY = 8;

/**
 * The delivery pipeline's LINE sender. Rows with the same rendered messages go out together by multicast (≤ 500
 * per request), the rest by push; every request carries a retry key derived from its outbox rows, so a page
 * sent again after a crash is answered 409 by LINE (counted as sent) instead of reaching anyone twice. A user
 * who unfollowed is failed at once ('unfollowed'), which lets the pipeline fall back to their other channels.
 */
export function lineSender(
  deps: Pick<AppDeps, 'database' | 'logger'> & { config: LineConfig },
): ChannelSender {
  return {
    channel: 'line',
    batchSize: MULTICAST_MAX,
    async send(messages) {
      const outcomes = new Map<string, SendOutcome>();
      const unreachable = await unreachableUsers(
        deps,
        messages.map((message) => message.address),
      );
      const groups = new Map<string, OutboxMessage[]>();
      for (const message of messages) {
        if (unreachable.has(message.address)) {
          outcomes.set(message.id, { status: 'failed', reason: 'unfollowed' });
          continue;
        }
        const rendered = JSON.stringify(render(deps.config, message));
        groups.set(rendered, [...(groups.get(rendered) ?? []), message]);
      }
      const singles: { rendered: string; message: OutboxMessage }[] = [];
      for (const [rendered, group] of groups) {
        if (group.length === 1) {
          singles.push({ rendered, message: group[0]! });
          continue;
        }
        for (let start = 0; start < group.length; start += MULTICAST_MAX) {
          const batch = group.slice(start, start + MULTICAST_MAX);
          const result = await multicast(deps, JSON.parse(rendered), batch);
          for (const message of batch) outcomes.set(message.id, result);
          // A refused multicast (one bad id spoils it): each is tried alone so the others still go out.
          if (result.status === 'failed') {
            for (const message of batch) singles.push({ rendered, message });
          }
        }
      }
      for (let start = 0; start < singles.length; start += PUSH_CONCURRENCY) {
        await Promise.all(
          singles.slice(start, start + PUSH_CONCURRENCY).map(async ({ rendered, message }) => {
            outcomes.set(message.id, await push(deps, JSON.parse(rendered), message));
          }),
        );
      }
      return { statements: [], outcomes };
    },
  };
}

type LineMessages = ReturnType<typeof renderLineMessages>;

function render(config: LineConfig, message: OutboxMessage): LineMessages {
  const payload: OutboundMessage[] = JSON.parse(message.payload);
  return renderLineMessages(config, config.DEFAULT_LOCALE, payload);
}

async function multicast(
  deps: { config: LineConfig },
  messages: LineMessages,
  batch: readonly OutboxMessage[],
): Promise<SendOutcome> {
  const { messaging } = lineApi(deps.config);
  return outcomeOf(async () => {
    for (let index = 0; index < messages.length; index += LINE_LIMITS.messagesPerRequest) {
      const retryKey = await retryKeyFor(
        `multicast:${batch.map((message) => message.id).join(',')}:${index}`,
      );
      const part = messages.slice(index, index + LINE_LIMITS.messagesPerRequest);
      await callLine(() =>
        messaging.multicast({ to: batch.map((message) => message.address), messages: part }, retryKey),
      );
    }
  });
}

async function push(deps: { config: LineConfig }, messages: LineMessages, message: OutboxMessage) {
  const { messaging } = lineApi(deps.config);
  return outcomeOf(async () => {
    for (let index = 0; index < messages.length; index += LINE_LIMITS.messagesPerRequest) {
      const retryKey = await retryKeyFor(`push:${message.id}:${index}`);
      const part = messages.slice(index, index + LINE_LIMITS.messagesPerRequest);
      await callLine(() => messaging.pushMessage({ to: message.address, messages: part }, retryKey));
    }
  });
}

/** 200 and 409 (accepted earlier) are sent; a 4xx is a failure for good; busy or down is tried again later. */
async function outcomeOf(send: () => Promise<void>): Promise<SendOutcome> {
  try {
    await send();
    return { status: 'sent' };
  } catch (error) {
    if (error instanceof LineRefusedError)
      return { status: 'failed', reason: `line_${error.status}: ${error.reason}` };
    if (error instanceof LineUnavailableError) return { status: 'retry', reason: error.message };
    throw error;
  }
}

async function unreachableUsers(
  deps: Pick<AppDeps, 'database'>,
  userIds: readonly string[],
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await deps.database.db
    .select({ externalId: channelIdentities.externalId })
    .from(channelIdentities)
    .where(
      and(
        eq(channelIdentities.channel, 'line'),
        inJsonList(channelIdentities.externalId, userIds),
        isNotNull(channelIdentities.unreachableSince),
      ),
    );
  return new Set(rows.map((row) => row.externalId));
}
