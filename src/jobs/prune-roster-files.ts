import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { rosterImports } from '../db/schema.js';
import type { AppDeps } from '../platform/ports.js';

const BATCH = 50;
const MAX_BATCHES = 20;

/**
 * Roster files hold children's and guardians' names and phone numbers. A preview never confirmed before
 * `previewsBefore` is discarded; the file of any import is deleted from the blob store once it is discarded,
 * or committed before `importsBefore`. The import's row (who, when, the summary) and its audit rows stay.
 * Safe to run twice.
 */
export async function pruneRosterFiles(
  deps: AppDeps,
  { previewsBefore, importsBefore }: { previewsBefore: number; importsBefore: number },
): Promise<number> {
  const { db } = deps.database;
  await db
    .update(rosterImports)
    .set({ status: 'discarded' })
    .where(and(eq(rosterImports.status, 'pending'), lt(rosterImports.createdAt, previewsBefore)));
  const due = and(
    isNull(rosterImports.fileDeletedAt),
    or(
      eq(rosterImports.status, 'discarded'),
      and(eq(rosterImports.status, 'committed'), lt(rosterImports.committedAt, importsBefore)),
    ),
  );
  let deleted = 0;
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const rows = await db
      .select({ id: rosterImports.id, blobKey: rosterImports.blobKey })
      .from(rosterImports)
      .where(due)
      .limit(BATCH);
    if (rows.length === 0) break;
    for (const row of rows) {
      await deps.blobs.delete(row.blobKey);
      await db
        .update(rosterImports)
        .set({ fileDeletedAt: deps.clock.now() })
        .where(eq(rosterImports.id, row.id));
    }
    deleted += rows.length;
  }
  return deleted;
}
