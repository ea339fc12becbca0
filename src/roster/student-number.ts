import { ROSTER_MAX_STUDENT_NUMBER_CHARS } from './limits.js';
import { isScientificNotation } from './text.js';

export type StudentNumberResult =
  | { ok: true; value: string }
  | {
      ok: false;
      reason:
        | 'missing_student_number'
        | 'bad_student_number'
        | 'number_in_scientific_form'
        | 'number_precision_lost';
    };

/**
 * Normalises a 学号 / 学籍号: NFKC (full-width digits/letters), spaces and a leading text-marker
 * apostrophe dropped, letters upper-cased ("g4401…" → "G4401…"). Allowed: letters, digits, "-" and "_",
 * at most ROSTER_MAX_STUDENT_NUMBER_CHARS. Leading zeros are kept: it is an identifier, not a number.
 */
export function normaliseStudentNumber(raw: string): StudentNumberResult {
  const s = raw
    .normalize('NFKC')
    .replace(/[\s\u200b-\u200d\ufeff]+/g, '')
    .replace(/^'/, '')
    .toUpperCase();
  if (s === '') return { ok: false, reason: 'missing_student_number' };
  if (isScientificNotation(s)) return { ok: false, reason: 'number_in_scientific_form' };
  if (s.length > ROSTER_MAX_STUDENT_NUMBER_CHARS || !/^[0-9A-Z][0-9A-Z_-]*$/.test(s)) {
    return { ok: false, reason: 'bad_student_number' };
  }
  return { ok: true, value: s };
}
