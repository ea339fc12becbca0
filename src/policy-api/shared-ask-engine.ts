import { type AskEngine, createAskEngine, DEFAULT_CATALOG_ID } from '../policy/index.js';
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

const WARM_UP_DATE = new Date('2025-09-01T00:00:00Z');

/**
 * Builds the shipped engine, loads the index of `catalogId` and answers one question with it, so the code a
 * question runs is compiled as well. The Worker calls this in its global scope: Workers give an isolate's start
 * its own budget (1 s), apart from the CPU a request may spend (10 ms on the free plan), so a parent's first
 * question does not pay for it.
 */
export function warmShippedAskEngine(catalogId = DEFAULT_CATALOG_ID): void {
  shippedEngine ??= createAskEngine();
  shippedEngine.ask('寄宿生补助是多少钱', {
    locale: 'zh-CN',
    hotline: '0000',
    catalogId,
    asOf: WARM_UP_DATE,
  });
}
