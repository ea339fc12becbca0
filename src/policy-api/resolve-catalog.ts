import type { AppDeps } from '../platform/ports.js';
import { type Catalog, getCatalog, getDefaultCatalog, listCatalogs, parseCatalog } from '../policy/index.js';
import { activeUploadId } from './active-upload-cache.js';
import { storedCatalog, uploadedCatalogIds } from './catalog-store.js';

export interface ResolvedCatalog {
  catalog: Catalog;
  source: 'shipped' | 'uploaded';
  /** The policy_catalogs row, for an uploaded version. */
  uploadId?: string;
}

// Uploaded rows never change after they are written, so a parsed copy can be kept per row id.
const MAX_CACHED = 16;
const parsedUploads = new Map<string, Catalog>();

async function uploadedCatalog(deps: AppDeps, uploadId: string): Promise<Catalog | null> {
  const cached = parsedUploads.get(uploadId);
  if (cached) return cached;
  const row = await storedCatalog(deps, uploadId);
  if (!row) return null;
  let json: unknown;
  try {
    json = JSON.parse(row.json);
  } catch {
    json = null;
  }
  const parsed = parseCatalog(json);
  if (!parsed.ok) {
    // Validated at upload; this only happens if the catalogue format changed since. Fall back, loudly.
    deps.logger.error('stored catalogue no longer validates', {
      uploadId,
      errors: parsed.errors.slice(0, 5),
    });
    return null;
  }
  if (parsedUploads.size >= MAX_CACHED) {
    const oldest = parsedUploads.keys().next().value;
    if (oldest !== undefined) parsedUploads.delete(oldest);
  }
  parsedUploads.set(uploadId, parsed.catalog);
  return parsed.catalog;
}

/**
 * The catalogue answers use: the newest confirmed, active upload of that id, else the shipped one.
 * Without an id, the deployment's DEFAULT_CATALOG. Returns null for an id nobody knows.
 */
export async function resolveCatalog(deps: AppDeps, catalogId?: string): Promise<ResolvedCatalog | null> {
  const id = catalogId ?? deps.config.DEFAULT_CATALOG;
  const uploadId = await activeUploadId(deps, id);
  if (uploadId) {
    const catalog = await uploadedCatalog(deps, uploadId);
    if (catalog) return { catalog, source: 'uploaded', uploadId };
  }
  const shipped = getCatalog(id);
  if (shipped) return { catalog: shipped, source: 'shipped' };
  if (catalogId !== undefined) return null;
  deps.logger.warn('DEFAULT_CATALOG is unknown, using the shipped national catalogue', { id });
  return { catalog: getDefaultCatalog(), source: 'shipped' };
}

/** Every catalogue id a request may name: shipped and uploaded. */
export async function availableCatalogIds(deps: AppDeps): Promise<string[]> {
  const ids = new Set(listCatalogs().map((catalog) => catalog.id));
  for (const id of await uploadedCatalogIds(deps)) ids.add(id);
  return [...ids].sort();
}
