import type { DatedValue } from '../catalog-schema.js';
import { isWithin } from './date-key.js';

/** The value whose period contains the date (OpenFisca-style parameter lookup). */
export function valueInForce(values: readonly DatedValue[], dateKey: string): DatedValue | undefined {
  for (const value of values) {
    if (isWithin(dateKey, value.effectiveFrom, value.effectiveTo)) return value;
  }
  return undefined;
}

/**
 * When nothing is in force: the most recent value that ended before the date, or failing that
 * the first one that starts after it, so the caller can say "the last known figure was …".
 */
export function latestKnownValue(values: readonly DatedValue[], dateKey: string): DatedValue | undefined {
  let latest: DatedValue | undefined;
  for (const value of values) {
    if (value.effectiveTo !== undefined && value.effectiveTo < dateKey) latest = value;
  }
  return latest ?? values.find((value) => value.effectiveFrom > dateKey);
}
