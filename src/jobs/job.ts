import { z } from 'zod';

/** Every background job, as data: queues carry JSON, so a job is parsed again when it is consumed. */
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
]);

export type Job = z.infer<typeof jobSchema>;
