import { type AskEngine, createAskEngine } from '../policy/index.js';
import type { ResolvedCatalog } from './resolve-catalog.js';

// Building the search indexes takes a moment, asking takes well under a millisecond: build once, share
// between /api/ask and the chat (one per process on Node, one per isolate on Workers).
let shippedEngine: AskEngine | undefined;
const uploadedEngines = new WeakMap<object, AskEngine>();

/** The ask engine that answers from this catalogue, built the first time it is needed. */
export function askEngineFor(resolved: ResolvedCatalog): AskEngine {
  if (resolved.source === 'shipped') {
    shippedEngine ??= createAskEngine();
    return shippedEngine;
  }
  const { catalog } = resolved;
  let engine = uploadedEngines.get(catalog);
  if (!engine) {
    engine = createAskEngine({ catalogs: [catalog], defaultCatalogId: catalog.id });
    uploadedEngines.set(catalog, engine);
  }
  return engine;
}
