import { evaluateEligibility, type ProfileField } from '../../policy/index.js';
import { resolveCatalog } from '../../policy-api/index.js';
import type { Vars } from '../conversation-state.js';
import type { Action } from './action.js';
import { ASKABLE_FIELDS, isAnswered, profileFromVars } from './eligibility-vars.js';

/** With the child's stage (or the child) and the household question, this keeps the check to about six. */
export const MAX_FACT_QUESTIONS = 4;

/**
 * Picks the one fact still unknown that matters most for the programmes still open (a fact that can change
 * a verdict counts double one that only changes the amount), or 'done' when nothing worth asking is left.
 */
export const eligibilityNextQuestion: Action = async ({ deps, vars }) => {
  const profile = profileFromVars(vars);
  const asked = typeof vars.asked === 'number' ? vars.asked : 0;
  const resolved = await resolveCatalog(deps);
  if (!profile || !resolved || asked >= MAX_FACT_QUESTIONS) return { ok: true, vars: { question: 'done' } };
  const result = evaluateEligibility(resolved.catalog, profile, new Date(deps.clock.now()));
  const weight = new Map<ProfileField, number>();
  for (const programme of result.programmes) {
    if (programme.verdict === 'unlikely') continue;
    for (const missing of programme.missingInfo) {
      if (!ASKABLE_FIELDS.includes(missing.field) || isAnswered(vars, missing.field)) continue;
      weight.set(missing.field, (weight.get(missing.field) ?? 0) + (missing.affects === 'verdict' ? 2 : 1));
    }
  }
  let best: ProfileField | undefined;
  for (const field of ASKABLE_FIELDS) {
    const score = weight.get(field) ?? 0;
    if (score > 0 && (best === undefined || score > (weight.get(best) ?? 0))) best = field;
  }
  const next: Vars = best ? { question: best, asked: asked + 1 } : { question: 'done' };
  return { ok: true, vars: next };
};
