import type { AmountRule, DatedValue, LocalizedText, ProfileField, Programme } from '../catalog-schema.js';
import { evaluateConditionList } from './condition-list.js';
import { latestKnownValue, valueInForce } from './dated-value.js';
import type { EligibilityProfile } from './profile.js';

export interface AmountCandidate {
  ruleId: string;
  label: LocalizedText;
  /** Facts still unknown that decide whether this amount applies (e.g. boarding). */
  dependsOn: readonly ProfileField[];
  /** The value in force on the evaluation date, if any. */
  inForce: DatedValue | undefined;
  /** Only when nothing is in force: the closest known value with its dates. */
  latestKnown: DatedValue | undefined;
  rule: AmountRule;
}

/**
 * First matching rule wins. Rules that might match (unknown fact) are kept as alternatives
 * until one certainly matches, so "boarding unknown" yields both the boarder and day amounts.
 */
export function selectAmounts(
  programme: Programme,
  profile: EligibilityProfile,
  dateKey: string,
): AmountCandidate[] {
  const candidates: AmountCandidate[] = [];
  for (const rule of programme.amounts) {
    const outcome = evaluateConditionList(rule.when, profile, dateKey);
    if (outcome.status === 'failed') continue;
    const inForce = valueInForce(rule.values, dateKey);
    candidates.push({
      ruleId: rule.id,
      label: rule.label,
      dependsOn: outcome.unknownFields,
      inForce,
      latestKnown: inForce ? undefined : latestKnownValue(rule.values, dateKey),
      rule,
    });
    if (outcome.status === 'met') break;
  }
  return candidates;
}
