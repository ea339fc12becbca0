import * as z from 'zod';

// The webhook payload as LINE's reference describes it, for the events Mingbai handles. Unknown event and
// message types are kept (passthrough on the type) and answered politely, never refused: LINE adds new ones.

const source = z.discriminatedUnion('type', [
  z.object({ type: z.literal('user'), userId: z.string().min(1).max(64) }),
  z.object({
    type: z.literal('group'),
    groupId: z.string().min(1).max(64),
    userId: z.string().max(64).optional(),
  }),
  z.object({
    type: z.literal('room'),
    roomId: z.string().min(1).max(64),
    userId: z.string().max(64).optional(),
  }),
]);

const message = z.looseObject({
  id: z.string().min(1).max(64),
  type: z.string().min(1).max(32),
  text: z.string().max(10_000).optional(),
  contentProvider: z.object({ type: z.string() }).optional(),
});

export const lineEventSchema = z.looseObject({
  type: z.string().min(1).max(64),
  mode: z.enum(['active', 'standby']).optional(),
  timestamp: z.number().int().nonnegative(),
  source: source.optional(),
  webhookEventId: z.string().min(1).max(64),
  deliveryContext: z.object({ isRedelivery: z.boolean() }),
  replyToken: z.string().min(1).max(128).optional(),
  message: message.optional(),
  postback: z.object({ data: z.string().max(300) }).optional(),
});
export type LineEvent = z.infer<typeof lineEventSchema>;

export const lineWebhookSchema = z.object({
  destination: z.string().min(1).max(64),
  events: z.array(lineEventSchema).max(100),
});
