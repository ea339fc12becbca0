import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { policyCatalogs, staffAccounts } from '../db/schema.js';
import type { AppDeps } from '../platform/ports.js';

/** Catalogue files are a few dozen KB; this leaves room and stays far below D1's row limit. */
export const MAX_CATALOG_BYTES = 1024 * 1024;

export type StoredCatalogRow = typeof policyCatalogs.$inferSelect;

/** A stored version without its JSON, for lists. */
export interface StoredCatalogVersion {
  id: string;
  catalogId: string;
  version: string;
  fileName: string | null;
  uploadedBy: string;
  uploadedByName: string | null;
  createdAt: number;
  confirmedAt: number | null;
  active: boolean;
}

const versionColumns = {
  id: policyCatalogs.id,
  catalogId: policyCatalogs.catalogId,
  version: policyCatalogs.version,
  fileName: policyCatalogs.fileName,
  uploadedBy: policyCatalogs.uploadedBy,
  uploadedByName: staffAccounts.displayName,
  createdAt: policyCatalogs.createdAt,
  confirmedAt: policyCatalogs.confirmedAt,
  active: policyCatalogs.active,
};

/** The id of the newest confirmed, active upload of a catalogue, or null when only the shipped one exists. */
export async function latestActiveUploadId(deps: AppDeps, catalogId: string): Promise<string | null> {
  const [row] = await deps.database.db
    .select({ id: policyCatalogs.id })
    .from(policyCatalogs)
    .where(
      and(
        eq(policyCatalogs.catalogId, catalogId),
        eq(policyCatalogs.active, true),
        isNotNull(policyCatalogs.confirmedAt),
      ),
    )
    .orderBy(
      desc(policyCatalogs.confirmedAt),
      desc(policyCatalogs.createdAt),
      desc(sql`${policyCatalogs}.rowid`),
    )
    .limit(1);
  return row?.id ?? null;
}

export async function storedCatalog(deps: AppDeps, id: string): Promise<StoredCatalogRow | null> {
  const [row] = await deps.database.db
    .select()
    .from(policyCatalogs)
    .where(eq(policyCatalogs.id, id))
    .limit(1);
  return row ?? null;
}

/** Every confirmed upload, newest first (unconfirmed previews are left out). */
export async function confirmedCatalogVersions(deps: AppDeps): Promise<StoredCatalogVersion[]> {
  return deps.database.db
    .select(versionColumns)
    .from(policyCatalogs)
    .leftJoin(staffAccounts, eq(staffAccounts.id, policyCatalogs.uploadedBy))
    .where(isNotNull(policyCatalogs.confirmedAt))
    .orderBy(
      desc(policyCatalogs.confirmedAt),
      desc(policyCatalogs.createdAt),
      desc(sql`${policyCatalogs}.rowid`),
    );
}

/** Catalogue ids that have an active confirmed upload (some may not be shipped at all). */
export async function uploadedCatalogIds(deps: AppDeps): Promise<string[]> {
  const rows = await deps.database.db
    .selectDistinct({ catalogId: policyCatalogs.catalogId })
    .from(policyCatalogs)
    .where(and(eq(policyCatalogs.active, true), isNotNull(policyCatalogs.confirmedAt)));
  return rows.map((row) => row.catalogId).sort();
}
