import { evaluateEligibility } from '../../policy/index.js';
import { resolveCatalog } from '../../policy-api/index.js';
import type { Action } from './action.js';
import { eligibilityCard } from './eligibility-card.js';
import { profileFromVars } from './eligibility-vars.js';

/** Evaluates what the parent told us and sends the summary card. */
export const eligibilitySummary: Action = async ({ deps, state, vars }) => {
  const profile = profileFromVars(vars);
  const resolved = await resolveCatalog(deps);
  if (!profile || !resolved) return { ok: false, errorKey: 'errors.action_failed' };
  const result = evaluateEligibility(resolved.catalog, profile, new Date(deps.clock.now()));
  const { card, applyOptions } = eligibilityCard(
    result,
    resolved.catalog,
    state.locale,
    deps.config.AID_HOTLINE,
    typeof vars.childLabel === 'string' ? vars.childLabel : null,
  );
  return { ok: true, messages: [card], vars: { applyOptions } };
};
