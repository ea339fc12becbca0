import { residentIdCheckDigit } from './check-digit.js';
import { PROVINCE_CODES } from './province-codes.js';

/** Why a 身份证号 was refused; stable codes the form maps to a message in the user's locale. */
export type ResidentIdProblem =
  | 'empty'
  | 'wrong_length' // not 18 characters (the old 15-digit numbers were replaced in 2013 and are not accepted)
  | 'bad_characters' // anything but 17 digits and a final digit or X
  | 'unknown_region' // the first two digits are no province
  | 'bad_birth_date' // digits 7–14 are no calendar date (e.g. 20150230)
  | 'birth_date_in_future'
  | 'birth_date_before_1900'
  | 'bad_check_digit';

export type ValidResidentId = {
  /** The canonical form: 18 characters, ASCII digits, upper-case X. Store and compare this. */
  id: string;
  provinceCode: string;
  /** YYYY-MM-DD, for cross-checking the student's date of birth on the form. */
  birthDate: string;
};

export type ResidentIdResult =
  | { ok: true; value: ValidResidentId }
  | { ok: false; problem: ResidentIdProblem };

/**
 * Puts a typed or pasted number into canonical form: NFKC turns full-width digits and Ｘ (common with Chinese input
 * methods) into ASCII, spaces and hyphens people type as separators are removed, and x becomes X.
 */
export function normalizeResidentId(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/[\s\-－_]/g, '')
    .toUpperCase();
}

/**
 * Validates an 18-digit PRC resident ID (GB 11643-1999): length, province, birth date, check digit, in that order,
 * so the problem reported is the first one a person would fix. `today` is the caller's clock (UTC date), so a
 * birth date of today is accepted and tomorrow is not.
 */
export function validateResidentId(input: string, today: Date): ResidentIdResult {
  const id = normalizeResidentId(input);
  if (id.length === 0) return { ok: false, problem: 'empty' };
  if (id.length !== 18) return { ok: false, problem: 'wrong_length' };
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, problem: 'bad_characters' };
  const provinceCode = id.slice(0, 2);
  if (!PROVINCE_CODES.has(provinceCode)) return { ok: false, problem: 'unknown_region' };
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return { ok: false, problem: 'bad_birth_date' };
  if (year < 1900) return { ok: false, problem: 'birth_date_before_1900' };
  const todayUtc = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  if (date.getTime() > todayUtc) return { ok: false, problem: 'birth_date_in_future' };
  if (residentIdCheckDigit(id.slice(0, 17)) !== id[17]) return { ok: false, problem: 'bad_check_digit' };
  return {
    ok: true,
    value: { id, provinceCode, birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}` },
  };
}
