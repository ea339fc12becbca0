import { and, eq, sql } from 'drizzle-orm';
import type { OutboundMessage } from '../../conversation/messages.js';
import { inJsonList } from '../../db/in-json-list.js';
import { channelIdentities, conversations } from '../../db/schema.js';
import type { ChannelSender, OutboxMessage, SendOutcome } from '../../delivery/channel-sender.js';
import { isLocale, type Locale } from '../../i18n/index.js';
import type { AppDeps } from '../../platform/ports.js';
import { MAX_TEXT_BYTES } from './deliver-turn.js';
import { sharedOfficialAccountApi, WechatApiError } from './official-account-api.js';
import { type OfficialAccountSettings, officialAccountSettings } from './official-account-settings.js';
import { firstLink, splitUtf8, wechatText } from './wechat-text.js';

/** How the running Wechaty bot (Node only) says something to a contact; registered when it logs in. */
export interface WechatyOutlet {
  say(contactId: string, text: string): Promise<void>;
}

let wechatyOutlet: WechatyOutlet | null = null;

/** Makes the bot the way to reach `wy:` addresses; the returned function takes it away again (bot stopped). */
export function registerWechatyOutlet(outlet: WechatyOutlet): () => void {
  wechatyOutlet = outlet;
  return () => {
    if (wechatyOutlet === outlet) wechatyOutlet = null;
  };
}

/** Customer-service messages may only answer within 48 hours of the user's last message (a margin kept). */
const SERVICE_WINDOW_MS = 48 * 60 * 60_000 - 10 * 60_000;
/** A thing-type template field holds at most 20 characters. */
const TEMPLATE_VALUE_CHARS = 20;
/** WeChat's "try later" answers: system busy, rate limited. */
const TRANSIENT = new Set([-1, 45009, 45011]);
/** The customer-service window is closed or used up: a template message may still reach them. */
const WINDOW_CLOSED = new Set([45015, 45047]);

type Deps = Pick<AppDeps, 'config' | 'database' | 'clock' | 'logger'>;

/**
 * Notices (and later reminders) to WeChat users. Official Account followers get a customer-service text while
 * the 48-hour window is open, else the configured template message with a link to the notice page; Wechaty
 * contacts get a chat message from the running bot.
 */
export function wechatSender(deps: Deps): ChannelSender {
  const settings = officialAccountSettings(deps.config);
  return {
    channel: 'wechat',
    batchSize: 50,
    async send(messages) {
      const outcomes = new Map<string, SendOutcome>();
      const known = await identitiesOf(deps, messages);
      for (const message of messages) {
        const identity = known.get(message.address);
        const payload = parsePayload(message.payload);
        if (!payload) {
          outcomes.set(message.id, { status: 'failed', reason: 'bad_payload' });
          continue;
        }
        if (!identity) {
          outcomes.set(message.id, { status: 'failed', reason: 'unknown_wechat_user' });
          continue;
        }
        if (message.address.startsWith('wy:')) {
          outcomes.set(message.id, await sendByWechaty(deps, identity, payload));
          continue;
        }
        if (!settings) {
          outcomes.set(message.id, { status: 'failed', reason: 'wechat_oa_not_configured' });
          continue;
        }
        outcomes.set(message.id, await sendByOfficialAccount(deps, settings, identity, message, payload));
      }
      return { statements: [], outcomes };
    },
  };
}

type Identity = Awaited<ReturnType<typeof identitiesOf>> extends Map<string, infer T> ? T : never;

async function identitiesOf(deps: Deps, messages: readonly OutboxMessage[]) {
  const addresses = [...new Set(messages.map((message) => message.address))];
  const rows =
    addresses.length === 0
      ? []
      : await deps.database.db
          .select({
            address: channelIdentities.address,
            externalId: channelIdentities.externalId,
            unreachableSince: channelIdentities.unreachableSince,
            lastInboundAt: channelIdentities.lastInboundAt,
            locale: sql<unknown>`json_extract(${conversations.state}, '$.locale')`,
          })
          .from(channelIdentities)
          .innerJoin(conversations, eq(conversations.id, channelIdentities.conversationId))
          .where(
            and(eq(channelIdentities.channel, 'wechat'), inJsonList(channelIdentities.address, addresses)),
          );
  return new Map(
    rows.map((row) => [
      row.address,
      { ...row, locale: (isLocale(row.locale) ? row.locale : deps.config.DEFAULT_LOCALE) as Locale },
    ]),
  );
}

function parsePayload(payload: string): OutboundMessage[] | null {
  try {
    const value: unknown = JSON.parse(payload);
    return Array.isArray(value) ? (value as OutboundMessage[]) : null;
  } catch {
    return null;
  }
}

async function sendByWechaty(
  deps: Deps,
  identity: Identity,
  payload: OutboundMessage[],
): Promise<SendOutcome> {
  const outlet = wechatyOutlet;
  if (!outlet) return { status: 'failed', reason: 'wechaty_not_running' };
  const text = wechatText(payload, {
    locale: identity.locale,
    publicUrl: deps.config.PUBLIC_URL,
    links: 'plain',
  });
  try {
    for (const piece of splitUtf8(text, MAX_TEXT_BYTES)) await outlet.say(identity.externalId, piece);
    return { status: 'sent' };
  } catch (error) {
    deps.logger.warn('wechaty send failed', { error });
    return { status: 'retry', reason: 'wechaty_send_failed' };
  }
}

async function sendByOfficialAccount(
  deps: Deps,
  settings: OfficialAccountSettings,
  identity: Identity,
  message: OutboxMessage,
  payload: OutboundMessage[],
): Promise<SendOutcome> {
  if (identity.unreachableSince !== null) return { status: 'failed', reason: 'unfollowed' };
  const api = sharedOfficialAccountApi(settings);
  const openId = identity.externalId;
  if (identity.lastInboundAt !== null && deps.clock.now() - identity.lastInboundAt < SERVICE_WINDOW_MS) {
    const text = wechatText(payload, {
      locale: identity.locale,
      publicUrl: settings.publicUrl,
      links: 'html',
    });
    try {
      for (const piece of splitUtf8(text, MAX_TEXT_BYTES)) await api.sendCustomText(openId, piece);
      return { status: 'sent' };
    } catch (error) {
      const outcome = failureOutcome(error);
      if (!(error instanceof WechatApiError && WINDOW_CLOSED.has(error.errcode))) return outcome;
    }
  }
  if (!settings.templateId) return { status: 'failed', reason: 'outside_48h_window' };
  const values = templateValues(payload);
  const data: Record<string, string> = {};
  settings.templateFields.forEach((field, index) => {
    data[field] = fitTemplateValue(values[index] ?? '');
  });
  try {
    await api.sendTemplate({
      openId,
      templateId: settings.templateId,
      url: firstLink(payload, settings.publicUrl),
      data,
      // WeChat drops a repeat of the same id: a page re-sent after a crash does not arrive twice.
      clientMsgId: message.id,
    });
    return { status: 'sent' };
  } catch (error) {
    return failureOutcome(error);
  }
}

/**
 * A card's title, then its brief (who it is for and what to do, in the guardian's language) or else the first
 * line of its body; other messages their first line.
 */
function templateValues(payload: OutboundMessage[]): string[] {
  const first = payload[0];
  if (!first) return [];
  if (first.type === 'card') return [first.title, first.brief ?? first.body.split('\n')[0] ?? ''];
  return [first.text.split('\n')[0] ?? ''];
}

/** A thing-type field holds 20 characters: a longer value is cut and says so with an ellipsis. */
function fitTemplateValue(value: string): string {
  const characters = [...value];
  if (characters.length <= TEMPLATE_VALUE_CHARS) return value;
  return `${characters.slice(0, TEMPLATE_VALUE_CHARS - 1).join('')}…`;
}

function failureOutcome(error: unknown): SendOutcome {
  if (!(error instanceof WechatApiError)) return { status: 'retry', reason: 'wechat_unreachable' };
  if (TRANSIENT.has(error.errcode)) return { status: 'retry', reason: `wechat_${error.errcode}` };
  return { status: 'failed', reason: `wechat_${error.errcode}` };
}
