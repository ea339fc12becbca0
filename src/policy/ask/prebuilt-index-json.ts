import type { Catalog } from '../catalog-schema.js';
import type { KnowledgeBase } from './knowledge-base.js';
import { buildSearchIndex, searchIndexOptions } from './search-index.js';
import { SnapshotSearch } from './search-snapshot.js';
import { createTextAnalyzer } from './text-analyzer.js';

/** The file content of a prebuilt index, exactly as the build script writes it and the test compares it. */
export function prebuiltIndexJson(catalog: Catalog, knowledge: KnowledgeBase): string {
  const analyzer = createTextAnalyzer(knowledge);
  const built = buildSearchIndex(catalog, knowledge, analyzer);
  // Round-tripped through JSON first: the index every Node and Worker process has answered from so far.
  const json = JSON.parse(JSON.stringify(built));
  const snapshot = SnapshotSearch.fromJSON(json, searchIndexOptions(analyzer)).snapshot();
  return `${JSON.stringify({ catalogId: catalog.id, version: catalog.version, snapshot })}\n`;
}
