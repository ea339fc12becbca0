import type { Catalog } from '../catalog-schema.js';
import { getCatalog } from '../catalogs/index.js';
import { DEFAULT_KNOWLEDGE_BASE, type KnowledgeBase } from './knowledge-base.js';
import { LoadedSearch, type SearchSnapshot } from './loaded-search.js';
import cnNational from './prebuilt/cn-national.json' with { type: 'json' };
import demoCounty from './prebuilt/demo-county.json' with { type: 'json' };
import type { RankedSearch } from './ranked-search.js';
import { buildSearchIndex, type SearchDocument, searchIndexOptions } from './search-index.js';
import type { TextAnalyzer } from './text-analyzer.js';

// Tokenizing every programme, glossary entry and FAQ answer in three languages costs far more CPU than a
// Worker's first request may spend, so the indexes of the shipped catalogues are built ahead of time
// (`npm run build:search-indexes`, checked by test/policy/prebuilt-indexes.test.ts) and only loaded here.

export interface PrebuiltIndex {
  catalogId: string;
  version: string;
  /** The finished index, loaded in one pass (see search-snapshot.ts). */
  snapshot: unknown;
}

export const PREBUILT: readonly PrebuiltIndex[] = [cnNational, demoCounty];

/**
 * The index answers for this catalogue use: the prebuilt one when it is the shipped catalogue with the
 * shipped knowledge, otherwise (an uploaded version, a test's own knowledge) built now.
 */
export function searchIndexFor(
  catalog: Catalog,
  knowledge: KnowledgeBase,
  analyzer: TextAnalyzer,
): RankedSearch<SearchDocument> {
  const prebuilt = PREBUILT.find(
    (entry) => entry.catalogId === catalog.id && entry.version === catalog.version,
  );
  if (prebuilt && knowledge === DEFAULT_KNOWLEDGE_BASE && getCatalog(catalog.id) === catalog) {
    // Written by the build script from SnapshotSearch; JSON imports are typed only loosely.
    return LoadedSearch.fromSnapshot(prebuilt.snapshot as SearchSnapshot, searchIndexOptions(analyzer));
  }
  return buildSearchIndex(catalog, knowledge, analyzer);
}
