import type { Locale } from '../i18n/index.js';
import type { AppDeps } from '../platform/ports.js';
import type { AskResult } from '../policy/index.js';
import { resolveCatalog } from './resolve-catalog.js';
import { askEngineFor } from './shared-ask-engine.js';

export interface QuestionInput {
  question: string;
  locale: Locale;
  catalogId?: string | undefined;
  /** `YYYY-MM-DD`; today (by the deployment's clock) otherwise. */
  asOf?: string | undefined;
}

export interface QuestionAnswer extends AskResult {
  catalog: { id: string; version: string };
}

/**
 * One answer path for /api/ask and the chat: the deployment's catalogue (or the one asked for), its FAQ and
 * glossary, the configured hotline. Returns null when the named catalogue does not exist.
 */
export async function answerPolicyQuestion(
  deps: AppDeps,
  input: QuestionInput,
): Promise<QuestionAnswer | null> {
  const resolved = await resolveCatalog(deps, input.catalogId);
  if (!resolved) return null;
  const result = askEngineFor(resolved).ask(input.question, {
    locale: input.locale,
    catalogId: resolved.catalog.id,
    hotline: deps.config.AID_HOTLINE,
    asOf: input.asOf ?? new Date(deps.clock.now()),
  });
  return { ...result, catalog: { id: resolved.catalog.id, version: resolved.catalog.version } };
}
