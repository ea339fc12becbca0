import { eq } from 'drizzle-orm';
import { jobs } from '../../db/schema.js';
import type { AppDeps } from '../../platform/ports.js';

/**
 * A finished message's job keeps only its idempotency key (the de-duplication) and loses the text: a parent's
 * words, or a binding code typed in chat, are not left lying in the jobs table.
 */
export async function forgetMessage(deps: AppDeps, jobId: string): Promise<void> {
  await deps.database.db
    .update(jobs)
    .set({ payload: JSON.stringify({ type: 'wechat_oa_message', fields: {} }) })
    .where(eq(jobs.id, jobId));
}
