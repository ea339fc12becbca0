import type { Catalog, LocalizedText, ProfileField, Programme, ProgrammeTerm } from '../catalog-schema.js';
import { decideVerdict, type Verdict } from './decide-verdict.js';
import { fixedReason, keptReason } from './kept-reasons.js';
import type { Reason } from './message.js';
import type { EligibilityProfile } from './profile.js';
import { type ResolvedCitation, resolveCitations } from './resolve-citations.js';
import { type AmountCandidate, selectAmounts } from './select-amounts.js';
import { splitOnUnknown } from './split-on-unknown.js';

export interface MissingInfo {
  field: ProfileField;
  /** verdict: knowing it could change whether the child likely qualifies; amount: only how much. */
  affects: 'verdict' | 'amount';
}

export interface ProgrammeEligibility {
  programmeId: string;
  name: LocalizedText;
  verdict: Verdict;
  /** The eligibility route that matched, if any. */
  routeId: string | undefined;
  reasons: Reason[];
  missingInfo: MissingInfo[];
  /** Empty when the verdict is unlikely. Several entries when an unknown fact decides the amount. */
  amounts: AmountCandidate[];
  /** No amount applies on the date asked; see each candidate's latestKnown. */
  noValueInForce: boolean;
  /** A quoted figure or term is secondary/unverified: say "请以当地资助中心公布为准". */
  needsLocalConfirmation: boolean;
  applicationRequired: boolean;
  materials: LocalizedText[];
  howToApply: LocalizedText;
  contact: LocalizedText;
  paymentMethod: LocalizedText;
  terms: ProgrammeTerm[];
  citations: ResolvedCitation[];
  programme: Programme;
}

const SAME_EITHER_WAY = fixedReason({ key: 'policy.reason.sameEitherWay', outcome: 'info' });
const NO_VALUE_IN_FORCE = fixedReason({ key: 'policy.reason.noValueInForce', outcome: 'info' });

export function evaluateProgramme(
  catalog: Catalog,
  programme: Programme,
  profile: EligibilityProfile,
  dateKey: string,
): ProgrammeEligibility {
  const reasons: Reason[] = [];
  const missingInfo: MissingInfo[] = [];
  let verdict: Verdict;
  let routeId: string | undefined;

  if (!programme.stages.includes(profile.child.stage)) {
    verdict = 'unlikely';
    reasons.push(
      keptReason(programme, 'stageNotCovered', () => ({
        key: 'policy.reason.stageNotCovered',
        params: { stages: programme.stages.map((stage) => ({ key: `policy.stage.${stage}` })) },
        outcome: 'failed',
      })),
    );
  } else {
    const decision = decideVerdict(programme, profile, dateKey, reasons);
    verdict = decision.verdict;
    routeId = decision.route?.id;
    if (decision.openFields.length > 0) {
      const split = splitOnUnknown(programme, profile, dateKey, decision.openFields);
      if (split && !split.varies) {
        if (split.verdict !== verdict) {
          // The open routes no longer matter for the verdict: say so once instead of listing them.
          dropOpenRouteReasons(reasons);
          reasons.push(SAME_EITHER_WAY);
        }
        verdict = split.verdict;
      } else {
        verdict = split?.verdict ?? 'needs_check';
        for (const field of decision.openFields) missingInfo.push({ field, affects: 'verdict' });
      }
    }
  }

  const amounts = verdict === 'unlikely' ? [] : selectAmounts(programme, profile, dateKey);
  let noValueInForce = amounts.length > 0;
  let needsLocalConfirmation = programme.terms.some((term) => term.verification !== 'verified');
  for (const candidate of amounts) {
    if (candidate.inForce) noValueInForce = false;
    const shown = candidate.inForce ?? candidate.latestKnown;
    if (shown && shown.verification !== 'verified') needsLocalConfirmation = true;
    for (const field of candidate.dependsOn) {
      if (!missingInfo.some((missing) => missing.field === field))
        missingInfo.push({ field, affects: 'amount' });
    }
  }
  if (noValueInForce) {
    // Rules without a figure in force are out of date for that day: never present them as "likely".
    reasons.push(NO_VALUE_IN_FORCE);
    if (verdict === 'likely') verdict = 'needs_check';
  }

  return {
    programmeId: programme.id,
    name: programme.name,
    verdict,
    routeId,
    reasons,
    missingInfo,
    amounts,
    noValueInForce,
    needsLocalConfirmation,
    applicationRequired: programme.applicationRequired,
    materials: programme.materials,
    howToApply: programme.howToApply,
    contact: programme.contact,
    paymentMethod: programme.paymentMethod,
    terms: programme.terms,
    citations: resolveCitations(catalog, programme),
    programme,
  };
}

function dropOpenRouteReasons(reasons: Reason[]): void {
  for (let index = reasons.length - 1; index >= 0; index--) {
    if (reasons[index]?.key === 'policy.reason.routeOpen') reasons.splice(index, 1);
  }
}
