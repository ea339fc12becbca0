import * as z from 'zod';
import { lineEventSchema } from '../channels/line/webhook-schema.js';

/**
 * Every background job, as data. A job is stored as JSON in the `jobs` table and parsed again when it runs,
 * so a job written by an older release is still understood (add fields as optional).
 */
export const jobSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('prune_chat_history'),
    /** Chat messages older than this (epoch ms) are deleted; uploads kept by inquiries stay. */
    before: z.number().int(),
  }),
  z.object({
    type: z.literal('prune_attempt_counters'),
    /** Log-in and binding-code counters whose window started before this (epoch ms) are deleted. */
    before: z.number().int(),
  }),
  z.object({
    type: z.literal('prune_unreferenced_photos'),
    /** Chat photos sent before this (epoch ms) that nothing refers to are deleted. */
    before: z.number().int(),
  }),
  z.object({
    type: z.literal('prune_roster_files'),
    /** Previews never confirmed before this are discarded and their files deleted… */
    previewsBefore: z.number().int(),
    /** …and the files of imports committed before this. */
    importsBefore: z.number().int(),
  }),
  z.object({
    type: z.literal('notice_fanout'),
    /** A sent notice version: record its recipients and outbox rows, then deliver them. */
    versionId: z.string().min(1).max(64),
  }),
  z.object({
    type: z.literal('publicity_take_down'),
    /** 公示 lists whose period ended are taken down (the page already refuses them). */
  }),
  z.object({
    type: z.literal('deliver_outbox'),
    /** Sends the queued outbox rows of one group (a notice version, a reminder round). */
    groupId: z.string().min(1).max(64),
  }),
  z.object({
    type: z.literal('notice_reminder'),
    /** A reminder round (src/notices/reminders): remind the families who have not confirmed yet. */
    roundId: z.string().min(1).max(80),
  }),
  z.object({
    type: z.literal('line_event'),
    /** One LINE webhook event as received (its signature was checked); stored once per webhookEventId. */
    event: lineEventSchema,
  }),
  z.object({
    type: z.literal('wechat_oa_message'),
    /** A verified (and decrypted) Official Account message the webhook could not finish (src/channels/wechat-oa). */
    fields: z.record(z.string().max(64), z.string().max(8000)),
  }),
]);

export type Job = z.infer<typeof jobSchema>;
