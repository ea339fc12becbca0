import type { Catalog } from '../catalog-schema.js';
import cnNational from './cn-national.json' with { type: 'json' };
import demoCounty from './demo-county.json' with { type: 'json' };
import { parseCatalog } from './parse-catalog.js';

export { type ParseCatalogResult, parseCatalog } from './parse-catalog.js';

export const DEFAULT_CATALOG_ID = 'cn-national';

/** Shipped data is validated once at module load: a broken catalogue fails loudly at startup, not mid-chat. */
function loadBundled(json: unknown, name: string): Catalog {
  const result = parseCatalog(json);
  if (!result.ok) throw new Error(`Invalid bundled catalogue ${name}:\n${result.errors.join('\n')}`);
  return result.catalog;
}

const BUNDLED: readonly Catalog[] = [
  loadBundled(cnNational, 'cn-national'),
  loadBundled(demoCounty, 'demo-county'),
];
const BY_ID = new Map(BUNDLED.map((catalog) => [catalog.id, catalog]));

/** Returns the catalogue, or undefined for an unknown id. */
export function getCatalog(id: string = DEFAULT_CATALOG_ID): Catalog | undefined {
  return BY_ID.get(id);
}

export function listCatalogs(): readonly Catalog[] {
  return BUNDLED;
}

export function getDefaultCatalog(): Catalog {
  const catalog = BY_ID.get(DEFAULT_CATALOG_ID);
  if (!catalog) throw new Error(`default catalogue ${DEFAULT_CATALOG_ID} missing`);
  return catalog;
}
