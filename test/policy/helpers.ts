import type { AmountValue, Catalog, CategoryId } from '../../src/policy/catalog-schema.js';
import { getCatalog } from '../../src/policy/catalogs/index.js';
import {
  type ChildProfile,
  type EligibilityProfile,
  evaluateEligibility,
  type ProgrammeEligibility,
} from '../../src/policy/eligibility.js';

export function catalogById(id: string): Catalog {
  const catalog = getCatalog(id);
  if (!catalog) throw new Error(`missing catalogue ${id}`);
  return catalog;
}

export function profileOf(child: ChildProfile, categories: CategoryId[] = []): EligibilityProfile {
  return { child, household: { categories } };
}

/** Evaluates one programme of a catalogue for a child on a date. */
export function evaluateOne(
  catalogId: string,
  programmeId: string,
  child: ChildProfile,
  categories: CategoryId[] = [],
  asOf = '2025-10-01',
): ProgrammeEligibility {
  const result = evaluateEligibility(catalogById(catalogId), profileOf(child, categories), asOf);
  const found = result.programmes.find((programme) => programme.programmeId === programmeId);
  if (!found) throw new Error(`programme ${programmeId} not in ${catalogId}`);
  return found;
}

/** The value in force when exactly one amount applies. */
export function singleValue(result: ProgrammeEligibility): AmountValue | undefined {
  if (result.amounts.length !== 1) return undefined;
  return result.amounts[0]?.inForce?.value;
}

/** Yuan per year for money amounts, or per-day × days for daily ones; undefined otherwise. */
export function yearlyYuan(value: AmountValue | undefined): number | undefined {
  if (!value) return undefined;
  if (value.kind === 'money') return value.amount;
  if (value.kind === 'daily' && value.days !== undefined) return value.yuanPerDay * value.days;
  if (value.kind === 'tiers') return value.average;
  if (value.kind === 'combined') {
    const money = value.parts.find((part) => part.kind === 'money');
    return money?.kind === 'money' ? money.amount : undefined;
  }
  return undefined;
}
