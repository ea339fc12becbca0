import type { PhoneKind } from './types.js';

export type PhoneResult =
  | { ok: true; phone: string; kind: PhoneKind }
  | { ok: false; reason: 'bad_phone' | 'multiple_phones' | 'number_in_scientific_form' };

/**
 * Normalises a guardian phone. Spaces, dashes, dots and brackets are dropped, full-width digits made
 * half-width, and a +86 / 0086 / 86 prefix removed.
 * - A mainland mobile (1[3-9] + 9 digits) is the normal case: `kind: 'mobile'`, 11 digits.
 * - A landline with its area code (010/02x + 8 digits, or 0xxx + 7–8 digits) is accepted as
 *   `kind: 'landline'` (digits only, e.g. 01012345678): rural grandparents often have only a landline,
 *   but it cannot receive SMS, so validation adds a `landline_phone` warning.
 * - Two numbers in one cell are `multiple_phones`; Excel's "1.38E+10" is `number_in_scientific_form`.
 */
export function normalisePhone(raw: string): PhoneResult {
  const s = raw.normalize('NFKC').trim().replace(/^'/, '');
  if (/^\d(?:\.\d+)?e\+?\d+$/i.test(s)) return { ok: false, reason: 'number_in_scientific_form' };
  const digitRuns = s.match(/\d{7,}/g) ?? [];
  if (digitRuns.length > 1 && /[/、,，;；|]|或|\s{1,}\d{7,}/.test(s))
    return { ok: false, reason: 'multiple_phones' };
  const compact = s.replace(/[\s\-–—.()（）]/g, '');
  const local = compact.replace(/^(?:\+86|0086|86)(?=1\d{10}$)/, '');
  if (/^1[3-9]\d{9}$/.test(local)) return { ok: true, phone: local, kind: 'mobile' };
  const landline = compact.replace(/^(?:\+86|0086)(?=[1-9])/, '0');
  if (/^0(?:10|2\d)\d{8}$/.test(landline) || /^0[3-9]\d{2}\d{7,8}$/.test(landline)) {
    return { ok: true, phone: landline, kind: 'landline' };
  }
  if (/^\d{22}$/.test(compact) && /^1[3-9]\d{9}1[3-9]\d{9}$/.test(compact)) {
    return { ok: false, reason: 'multiple_phones' };
  }
  return { ok: false, reason: 'bad_phone' };
}
