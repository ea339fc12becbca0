import type { ProfileField, Programme } from '../catalog-schema.js';
import { decideVerdict, type Verdict } from './decide-verdict.js';
import { domainOf, type EligibilityProfile } from './profile.js';

const MAX_SPLIT_FIELDS = 3;

export interface SplitOutcome {
  verdict: Verdict;
  /** The unknown facts change the verdict (not just the amount). */
  varies: boolean;
}

/**
 * Tries every answer to the open questions. A child from a 脱贫 family qualifies for the living
 * subsidy whether or not they board; three-valued logic alone would say "needs check" there.
 * Returns undefined when a fact cannot be enumerated (grade) or there are too many.
 */
export function splitOnUnknown(
  programme: Programme,
  profile: EligibilityProfile,
  dateKey: string,
  fields: readonly ProfileField[],
): SplitOutcome | undefined {
  if (fields.length > MAX_SPLIT_FIELDS) return undefined;
  const domains: (readonly (string | boolean)[])[] = [];
  for (const field of fields) {
    const domain = domainOf(field);
    if (!domain) return undefined;
    domains.push(domain);
  }

  let first: Verdict | undefined;
  let varies = false;
  const visit = (index: number, child: EligibilityProfile['child']): void => {
    if (varies) return;
    const field = fields[index];
    const domain = domains[index];
    if (field === undefined || domain === undefined) {
      const { verdict } = decideVerdict(programme, { child, household: profile.household }, dateKey);
      if (first === undefined) first = verdict;
      else if (first !== verdict) varies = true;
      return;
    }
    for (const value of domain) visit(index + 1, { ...child, [field]: value });
  };
  visit(0, profile.child);

  if (varies || first === undefined) return { verdict: 'needs_check', varies: true };
  return { verdict: first, varies: false };
}
