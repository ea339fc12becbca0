// hono-openapi writes the OpenAPI document through @standard-community/standard-json, which loads
// `await import('zod/v4/core')` and uses only its toJSONSchema. A dynamic import keeps the whole module in the
// bundle, with zod's 40-odd error-message languages (about 250 KiB before gzip) that Mingbai never shows.
// wrangler.toml aliases that import to this module, a static import of the one function it needs.
export { toJSONSchema } from 'zod';
