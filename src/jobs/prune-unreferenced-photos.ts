import { and, asc, inArray, lt, notExists, sql } from 'drizzle-orm';
import { applicationDocuments, chatUploads, inboxMessages, inquiries } from '../db/schema.js';
import type { AppDeps } from '../platform/ports.js';

const BATCH = 50;
const MAX_BATCHES = 20;

/**
 * Deletes chat photos sent before `before` that nothing refers to (a photo sent at a photo step whose form was
 * never finished). Every table that keeps an upload must be listed in `unreferenced` below, or its photos go.
 * Safe to run twice: the blob goes first, then the row, so a failure leaves the row for the retry.
 */
export async function pruneUnreferencedPhotos(deps: AppDeps, before: number): Promise<number> {
  const { db } = deps.database;
  // Messages left for staff (the inbox), and inquiries filed before the inbox existed.
  const unreferenced = and(
    notExists(
      db
        .select({ one: sql`1` })
        .from(inboxMessages)
        .where(sql`${inboxMessages.uploadId} = ${chatUploads.id}`),
    ),
    notExists(
      db.select({ one: sql`1` }).from(inquiries).where(sql`${inquiries.uploadId} = ${chatUploads.id}`),
    ),
    // Document photos of applications (src/applications), replaced ones included: the review keeps them.
    notExists(
      db
        .select({ one: sql`1` })
        .from(applicationDocuments)
        .where(sql`${applicationDocuments.uploadId} = ${chatUploads.id}`),
    ),
  );
  let deleted = 0;
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const rows = await db
      .select({ id: chatUploads.id, blobKey: chatUploads.blobKey })
      .from(chatUploads)
      .where(and(lt(chatUploads.createdAt, before), unreferenced))
      .orderBy(asc(chatUploads.createdAt))
      .limit(BATCH);
    if (rows.length === 0) break;
    for (const row of rows) await deps.blobs.delete(row.blobKey);
    await db.delete(chatUploads).where(
      and(
        inArray(
          chatUploads.id,
          rows.map((row) => row.id),
        ),
        unreferenced,
      ),
    );
    deleted += rows.length;
  }
  return deleted;
}
