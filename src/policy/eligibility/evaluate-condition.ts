import type { Condition, ProfileField } from '../catalog-schema.js';
import { isWithin } from './date-key.js';
import { keptReason } from './kept-reasons.js';
import type { MessageRef, Reason, ReasonOutcome } from './message.js';
import type { EligibilityProfile } from './profile.js';

/** inactive: the condition is dated and does not apply on the evaluation date. */
export type ConditionStatus = 'met' | 'failed' | 'unknown' | 'assumed' | 'inactive';

/** Evaluates one rule against the profile in three-valued logic: unknown facts stay unknown. */
export function evaluateCondition(
  condition: Condition,
  profile: EligibilityProfile,
  dateKey: string,
): ConditionStatus {
  if (condition.type === 'period') return isWithin(dateKey, condition.from, condition.to) ? 'met' : 'failed';
  if (!isWithin(dateKey, condition.effectiveFrom, condition.effectiveTo)) return 'inactive';
  const child = profile.child;
  let holds: boolean | undefined;
  switch (condition.type) {
    case 'flag': {
      const value = child[condition.field];
      holds = value === undefined ? undefined : value === condition.equals;
      break;
    }
    case 'ownership':
      holds = child.schoolOwnership === undefined ? undefined : condition.in.includes(child.schoolOwnership);
      break;
    case 'residence':
      holds = child.residence === undefined ? undefined : condition.in.includes(child.residence);
      break;
    case 'grade':
      holds =
        child.grade === undefined
          ? undefined
          : (condition.min === undefined || child.grade >= condition.min) &&
            (condition.max === undefined || child.grade <= condition.max);
      break;
    case 'stage':
      holds = condition.in.includes(child.stage);
      break;
    case 'category':
      holds = profile.household.categories.some((category) => condition.anyOf.includes(category));
      break;
  }
  if (holds === undefined) return condition.assumeMetIfUnknown ? 'assumed' : 'unknown';
  return holds ? 'met' : 'failed';
}

/** The profile fact a condition reads, if it can be unknown. */
export function fieldOf(condition: Condition): ProfileField | undefined {
  switch (condition.type) {
    case 'flag':
      return condition.field;
    case 'ownership':
      return 'schoolOwnership';
    case 'residence':
      return 'residence';
    case 'grade':
      return 'grade';
    default:
      return undefined;
  }
}

/** What the condition asks for, as a message such as "在学校寄宿". */
export function describeCondition(condition: Condition, dateKey: string): MessageRef {
  switch (condition.type) {
    case 'flag':
      return { key: `policy.fact.${condition.field}.${condition.equals ? 'yes' : 'no'}` };
    case 'ownership':
      return {
        key: 'policy.fact.ownership',
        params: { values: condition.in.map((id) => ({ key: `policy.ownership.${id}` })) },
      };
    case 'residence':
      return {
        key: 'policy.fact.residence',
        params: { values: condition.in.map((id) => ({ key: `policy.residence.${id}` })) },
      };
    case 'grade':
      return {
        key: 'policy.fact.grade',
        params: { min: condition.min ?? 1, max: condition.max ?? condition.min ?? 1 },
      };
    case 'stage':
      return {
        key: 'policy.fact.stage',
        params: { stages: condition.in.map((id) => ({ key: `policy.stage.${id}` })) },
      };
    case 'category':
      return {
        key: 'policy.fact.category',
        params: { categories: condition.anyOf.map((id) => ({ key: `policy.category.${id}` })) },
      };
    case 'period':
      if (condition.from !== undefined && dateKey < condition.from) {
        return { key: 'policy.fact.periodFrom', params: { date: condition.from } };
      }
      return { key: 'policy.fact.periodTo', params: { date: condition.to ?? '' } };
  }
}

export function conditionReason(
  condition: Condition,
  status: ConditionStatus,
  dateKey: string,
): Reason | undefined {
  if (status === 'inactive') return undefined;
  const outcome: ReasonOutcome = status;
  // Only a period's description depends on the day: before it starts, or after.
  const side = condition.type === 'period' && condition.from !== undefined && dateKey < condition.from;
  return keptReason(condition, side ? `${outcome}:before` : outcome, () => ({
    key: `policy.reason.${outcome}`,
    params: { fact: describeCondition(condition, dateKey) },
    outcome,
  }));
}
