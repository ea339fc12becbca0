import { createHmac, randomBytes } from 'node:crypto';

// Builds LINE webhook events as the platform sends them (see LINE's webhook reference) and posts them signed
// with the channel secret, as LINE does: X-Line-Signature = base64(HMAC-SHA256(secret, exact body bytes)).

export type WebhookEvent = Record<string, unknown>;

/** The signature LINE puts in X-Line-Signature for these exact bytes. */
export function lineSignature(body: string, channelSecret: string): string {
  return createHmac('sha256', channelSecret).update(body).digest('base64');
}

/** A webhook event id as LINE writes them: a 26-character ULID. */
export function webhookEventId(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const bytes = randomBytes(26);
  return Array.from(bytes, (byte) => alphabet[byte % 32]).join('');
}

const messageId = () => String(BigInt(`0x${randomBytes(7).toString('hex')}`));

interface Common {
  replyToken?: string;
  redelivery?: boolean;
  timestamp?: number;
}

function base(userId: string, type: string, common: Common, source?: Record<string, unknown>): WebhookEvent {
  return {
    type,
    mode: 'active',
    timestamp: common.timestamp ?? Date.now(),
    source: source ?? { type: 'user', userId },
    webhookEventId: webhookEventId(),
    deliveryContext: { isRedelivery: common.redelivery ?? false },
    ...(common.replyToken ? { replyToken: common.replyToken } : {}),
  };
}

export const lineEvents = {
  text(userId: string, text: string, common: Common = {}): WebhookEvent {
    return {
      ...base(userId, 'message', common),
      message: { id: messageId(), type: 'text', text, quoteToken: randomBytes(12).toString('base64url') },
    };
  },
  image(userId: string, id: string, common: Common = {}): WebhookEvent {
    return {
      ...base(userId, 'message', common),
      message: { id, type: 'image', contentProvider: { type: 'line' }, quoteToken: 'q' },
    };
  },
  sticker(userId: string, common: Common = {}): WebhookEvent {
    return {
      ...base(userId, 'message', common),
      message: {
        id: messageId(),
        type: 'sticker',
        packageId: '446',
        stickerId: '1988',
        stickerResourceType: 'STATIC',
      },
    };
  },
  postback(userId: string, data: string, common: Common = {}): WebhookEvent {
    return { ...base(userId, 'postback', common), postback: { data } };
  },
  follow(userId: string, common: Common = {}): WebhookEvent {
    return { ...base(userId, 'follow', common), follow: { isUnblocked: false } };
  },
  unfollow(userId: string, common: Common = {}): WebhookEvent {
    const event = base(userId, 'unfollow', common);
    delete event.replyToken;
    return event;
  },
  join(groupId: string, common: Common = {}): WebhookEvent {
    return base('', 'join', common, { type: 'group', groupId });
  },
  groupText(groupId: string, userId: string, text: string, common: Common = {}): WebhookEvent {
    return {
      ...base(userId, 'message', common, { type: 'group', groupId, userId }),
      message: { id: messageId(), type: 'text', text, quoteToken: 'q' },
    };
  },
  roomText(roomId: string, userId: string, text: string, common: Common = {}): WebhookEvent {
    return {
      ...base(userId, 'message', common, { type: 'room', roomId, userId }),
      message: { id: messageId(), type: 'text', text, quoteToken: 'q' },
    };
  },
};

/** The request body LINE posts: the bot's own user id and the events. */
export function webhookBody(events: WebhookEvent[], destination = `U${'0'.repeat(32)}`): string {
  return JSON.stringify({ destination, events });
}

/** Posts a signed webhook; `signature` overrides the real one (forgery tests). */
export async function sendWebhook(
  url: string,
  channelSecret: string,
  body: string,
  { signature }: { signature?: string | null } = {},
): Promise<Response> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'LineBotWebhook/2.0',
  };
  const value = signature === undefined ? lineSignature(body, channelSecret) : signature;
  if (value !== null) headers['x-line-signature'] = value;
  return fetch(url, { method: 'POST', headers, body });
}
