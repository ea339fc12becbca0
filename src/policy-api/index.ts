// HTTP face of the policy layer: /api/eligibility, /api/ask (their request and answer schemas), and the catalogue store that
// uploaded versions live in. The conversation actions reuse the same answers.

export { forgetActiveUploads } from './active-upload-cache.js';
export { answerPolicyQuestion, type QuestionAnswer, type QuestionInput } from './answer-question.js';
export {
  confirmedCatalogVersions,
  MAX_CATALOG_BYTES,
  type StoredCatalogVersion,
  storedCatalog,
} from './catalog-store.js';
export { amountView, eligibilityResponse, programmeResultView } from './eligibility-response.js';
export { policyApi } from './policy-routes.js';
export * from './request-schemas.js';
export { availableCatalogIds, type ResolvedCatalog, resolveCatalog } from './resolve-catalog.js';
export * from './response-schemas.js';
export { askEngineFor, warmShippedAskEngine } from './shared-ask-engine.js';
