import type { EligibilityRoute, ProfileField, Programme } from '../catalog-schema.js';
import { evaluateConditionList } from './condition-list.js';
import { keptReason } from './kept-reasons.js';
import type { Reason } from './message.js';
import type { EligibilityProfile } from './profile.js';

/** 'likely' is the strongest answer we ever give: the school or aid centre decides. */
export type Verdict = 'likely' | 'needs_check' | 'unlikely';

export const VERDICT_RANK: Record<Verdict, number> = { unlikely: 0, needs_check: 1, likely: 2 };

export interface VerdictDecision {
  verdict: Verdict;
  route: EligibilityRoute | undefined;
  /** Unknown facts that could still move the verdict. */
  openFields: readonly ProfileField[];
}

/**
 * Requirements must all hold; then the best route that holds decides. Routes still open
 * (an unknown fact) keep the verdict at needs_check and report which facts are missing.
 */
export function decideVerdict(
  programme: Programme,
  profile: EligibilityProfile,
  dateKey: string,
  reasons?: Reason[],
): VerdictDecision {
  const { requirements, routes } = programme.eligibility;
  const required = evaluateConditionList(requirements, profile, dateKey, reasons);
  if (required.status === 'failed') return { verdict: 'unlikely', route: undefined, openFields: [] };

  if (routes.length === 0) {
    return required.status === 'met'
      ? { verdict: 'likely', route: undefined, openFields: [] }
      : { verdict: 'needs_check', route: undefined, openFields: required.unknownFields };
  }

  let best: EligibilityRoute | undefined;
  let open: { route: EligibilityRoute; fields: readonly ProfileField[] }[] | undefined;
  for (const route of routes) {
    const outcome = evaluateConditionList(route.conditions, profile, dateKey);
    if (outcome.status === 'met') {
      if (!best || VERDICT_RANK[route.verdict] > VERDICT_RANK[best.verdict]) best = route;
      if (route.verdict === 'likely') break;
    } else if (outcome.status === 'unknown') {
      open ??= [];
      open.push({ route, fields: outcome.unknownFields });
    }
  }

  const openFields = [...required.unknownFields];
  const bestRank = best ? VERDICT_RANK[best.verdict] : 0;
  const upgrades = open?.filter(({ route }) => VERDICT_RANK[route.verdict] > bestRank) ?? [];
  for (const { fields } of upgrades) {
    for (const field of fields) if (!openFields.includes(field)) openFields.push(field);
  }

  let verdict: Verdict;
  if (best && required.status === 'met') verdict = best.verdict;
  else if (best || upgrades.length > 0) verdict = 'needs_check';
  else verdict = 'unlikely';

  if (reasons) {
    if (best) {
      const matched = best;
      reasons.push(
        keptReason(matched, 'matched', () => ({
          key: matched.verdict === 'likely' ? 'policy.reason.routeLikely' : 'policy.reason.routeNeedsCheck',
          params: { route: matched.label },
          outcome: matched.verdict === 'likely' ? 'met' : 'info',
        })),
      );
    }
    for (const { route } of upgrades) {
      reasons.push(
        keptReason(route, 'open', () => ({
          key: 'policy.reason.routeOpen',
          params: { route: route.label },
          outcome: 'unknown',
        })),
      );
    }
    if (verdict === 'unlikely') {
      reasons.push(
        keptReason(programme, 'notInAudience', () => ({
          key: 'policy.reason.notInAudience',
          params: { audience: programme.audience },
          outcome: 'failed',
        })),
      );
    }
  }
  return { verdict, route: best, openFields };
}
