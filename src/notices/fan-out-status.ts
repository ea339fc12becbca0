import { eq } from 'drizzle-orm';
import { jobs } from '../db/schema.js';
import type { AppDeps } from '../platform/ports.js';

/**
 * Whether the fan-out of a sent version is still to finish (its recipients are not all recorded yet), so
 * pages listing them say "still preparing" instead of showing a short list as if it were complete.
 */
export async function fanOutPending(deps: Pick<AppDeps, 'database'>, versionId: string): Promise<boolean> {
  const [fanout] = await deps.database.db
    .select({ status: jobs.status })
    .from(jobs)
    .where(eq(jobs.idempotencyKey, `notice_fanout:${versionId}`));
  return fanout !== undefined && fanout.status !== 'done' && fanout.status !== 'dead';
}
