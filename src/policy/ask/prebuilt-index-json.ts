import type { Catalog } from '../catalog-schema.js';
import type { KnowledgeBase } from './knowledge-base.js';
import { buildSearchIndex } from './search-index.js';
import { createTextAnalyzer } from './text-analyzer.js';

/** The file content of a prebuilt index, exactly as the build script writes it and the test compares it. */
export function prebuiltIndexJson(catalog: Catalog, knowledge: KnowledgeBase): string {
  const index = buildSearchIndex(catalog, knowledge, createTextAnalyzer(knowledge));
  return `${JSON.stringify({ catalogId: catalog.id, version: catalog.version, index })}\n`;
}
