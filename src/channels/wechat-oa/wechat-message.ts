import * as z from 'zod';

const openId = z.string().regex(/^[0-9A-Za-z_-]{6,64}$/);
const base = {
  ToUserName: z.string().min(1).max(64),
  FromUserName: openId,
  CreateTime: z.string().regex(/^\d{1,12}$/),
};
const msgId = z.string().regex(/^\d{1,24}$/);

/** The messages and events Mingbai acts on, as the WeChat documentation lists their fields. */
export const wechatMessageSchema = z.discriminatedUnion('MsgType', [
  z.object({ ...base, MsgType: z.literal('text'), Content: z.string().max(4000), MsgId: msgId }),
  z.object({
    ...base,
    MsgType: z.literal('image'),
    MediaId: z.string().min(1).max(200),
    PicUrl: z.string().max(1000).optional(),
    MsgId: msgId,
  }),
  z.object({
    ...base,
    MsgType: z.literal('event'),
    Event: z.string().min(1).max(64),
    EventKey: z.string().max(1000).optional(),
  }),
]);
export type WechatMessage = z.infer<typeof wechatMessageSchema>;

/** Any other message (voice, video, location, link…): answered politely, never processed. */
export const otherMessageSchema = z.object({
  ...base,
  MsgType: z.string().min(1).max(32),
  MsgId: msgId.optional(),
});

export type ParsedWechatMessage =
  | { kind: 'message'; message: WechatMessage }
  | { kind: 'other'; message: z.infer<typeof otherMessageSchema> }
  | { kind: 'invalid' };

export function readWechatMessage(fields: Record<string, string>): ParsedWechatMessage {
  const known = wechatMessageSchema.safeParse(fields);
  if (known.success) return { kind: 'message', message: known.data };
  const other = otherMessageSchema.safeParse(fields);
  if (other.success && !['text', 'image', 'event'].includes(other.data.MsgType))
    return { kind: 'other', message: other.data };
  return { kind: 'invalid' };
}

/**
 * The key a redelivery of the same message shares: WeChat retries three times with the same MsgId; events
 * have none, so the sender and CreateTime stand in for it (as WeChat's documentation advises).
 */
export function dedupeKey(message: {
  ToUserName: string;
  FromUserName: string;
  CreateTime: string;
  MsgId?: string;
  Event?: string;
  EventKey?: string;
}): string {
  const id =
    message.MsgId ??
    `${message.FromUserName}:${message.CreateTime}:${message.Event ?? ''}:${message.EventKey ?? ''}`;
  return `wechat_oa:${message.ToUserName}:${id}`;
}
