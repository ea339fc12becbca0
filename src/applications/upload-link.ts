import { eq } from 'drizzle-orm';
import { applications } from '../db/schema.js';
import type { AppDeps, AtomicStatement } from '../platform/ports.js';
import { newSecret, sha256Hex } from '../util/ids.js';

/**
 * A fresh link to /apply/<token>, the multi-photo page of one application, and the write that makes it the one
 * that works (only its hash is kept, so the link sent before it stops working).
 */
export async function newUploadLink(
  deps: Pick<AppDeps, 'database'>,
  applicationId: string,
): Promise<{ path: string; statement: AtomicStatement }> {
  const token = newSecret();
  return {
    path: `/apply/${token}`,
    statement: deps.database.db
      .update(applications)
      .set({ uploadTokenHash: await sha256Hex(token) })
      .where(eq(applications.id, applicationId)),
  };
}
