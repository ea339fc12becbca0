import type { Catalog } from './catalog-schema.js';
import { toDateKey } from './eligibility/date-key.js';
import { evaluateProgramme, type ProgrammeEligibility } from './eligibility/evaluate-programme.js';
import type { EligibilityProfile } from './eligibility/profile.js';

export type { Verdict } from './eligibility/decide-verdict.js';
export type { MissingInfo, ProgrammeEligibility } from './eligibility/evaluate-programme.js';
export type { MessageParam, MessageRef, Reason, ReasonOutcome } from './eligibility/message.js';
export {
  type ChildProfile,
  ChildProfileSchema,
  type EligibilityProfile,
  EligibilityProfileSchema,
} from './eligibility/profile.js';
export type { ResolvedCitation } from './eligibility/resolve-citations.js';
export type { AmountCandidate } from './eligibility/select-amounts.js';

export interface EligibilityResult {
  catalogId: string;
  catalogVersion: string;
  /** The date evaluated, `YYYY-MM-DD` in Beijing time. */
  asOf: string;
  /** One entry per programme in the catalogue, in catalogue order. */
  programmes: ProgrammeEligibility[];
}

/**
 * Pure and synchronous: which programmes a child likely qualifies for on a date, with amounts,
 * reasons and what else we would need to know. Never says "you qualify": the school decides.
 */
export function evaluateEligibility(
  catalog: Catalog,
  profile: EligibilityProfile,
  asOf: Date | string = new Date(),
): EligibilityResult {
  const dateKey = toDateKey(asOf);
  const programmes = catalog.programmes.map((programme) =>
    evaluateProgramme(catalog, programme, profile, dateKey),
  );
  return { catalogId: catalog.id, catalogVersion: catalog.version, asOf: dateKey, programmes };
}
