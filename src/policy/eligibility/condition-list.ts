import type { Condition, ProfileField } from '../catalog-schema.js';
import { conditionReason, evaluateCondition, fieldOf } from './evaluate-condition.js';
import type { Reason } from './message.js';
import type { EligibilityProfile } from './profile.js';

export interface ListOutcome {
  status: 'met' | 'failed' | 'unknown';
  /** Facts that, once known, would settle an `unknown` status. */
  unknownFields: readonly ProfileField[];
  /** Some condition held only because its fact was assumed. */
  assumed: boolean;
}

// Shared for the common all-met case: callers only read it.
const MET: ListOutcome = { status: 'met', unknownFields: [], assumed: false };

/** AND over conditions in three-valued logic; optionally records one reason per condition. */
export function evaluateConditionList(
  conditions: readonly Condition[],
  profile: EligibilityProfile,
  dateKey: string,
  reasons?: Reason[],
): ListOutcome {
  if (conditions.length === 0) return MET;
  let failed = false;
  let assumed = false;
  let unknownFields: ProfileField[] | undefined;
  for (const condition of conditions) {
    const status = evaluateCondition(condition, profile, dateKey);
    if (reasons) {
      const reason = conditionReason(condition, status, dateKey);
      if (reason) reasons.push(reason);
    }
    if (status === 'failed') {
      failed = true;
      if (!reasons) break;
    } else if (status === 'unknown') {
      const field = fieldOf(condition);
      if (field !== undefined) {
        unknownFields ??= [];
        unknownFields.push(field);
      }
    } else if (status === 'assumed') {
      assumed = true;
    }
  }
  if (failed) return { status: 'failed', unknownFields: [], assumed };
  if (unknownFields) return { status: 'unknown', unknownFields, assumed };
  return assumed ? { status: 'met', unknownFields: [], assumed } : MET;
}
