// Public surface of the policy-knowledge layer: pure, no I/O, runs on Node and Workers alike.

export type {
  AskCitation,
  AskConfidence,
  AskFacts,
  AskFigure,
  AskMatch,
  AskOptions,
  AskResult,
  AskSuggestion,
} from './ask/index.js';
export { type AskEngine, type AskEngineOptions, createAskEngine } from './ask/index.js';
export { DEFAULT_KNOWLEDGE_BASE } from './ask/knowledge-base.js';
export { createTextAnalyzer, type TextAnalyzer } from './ask/text-analyzer.js';
export * from './catalog-schema.js';
export {
  DEFAULT_CATALOG_ID,
  getCatalog,
  getDefaultCatalog,
  listCatalogs,
  type ParseCatalogResult,
  parseCatalog,
} from './catalogs/index.js';
export { toDateKey } from './eligibility/date-key.js';
export * from './eligibility.js';
export { type CatalogMemo, createCatalogMemo, objectKey } from './render/catalog-memo.js';
export {
  type DescribedProgramme,
  type DescribeOptions,
  describeEligibility,
  describeProgramme,
} from './render/describe-eligibility.js';
export {
  describeSources,
  formatEffectiveFrom,
  programmeSources,
  type SourceDocumentView,
  type SourcesView,
} from './render/describe-sources.js';
export { formatAmount, formatDatedValue } from './render/format-amount.js';
export { safeHotline } from './render/hotline.js';
export { renderMessage } from './render/localize.js';
