/**
 * Cell text clean-up shared by every column: Unicode NFKC (full-width digits, letters and brackets become
 * half-width: "３（２）班" → "3(2)班"), zero-width characters removed, no-break and ideographic spaces
 * made plain, runs of spaces collapsed, ends trimmed.
 */
export function cleanCell(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '')
    .replace(/[\s\u3000]+/g, ' ')
    .trim();
}

const CJK = '\\p{Script=Han}';
const BETWEEN_CJK = new RegExp(`(?<=${CJK}) +(?=${CJK})`, 'gu');
const DOT_BETWEEN_CJK = new RegExp(
  `(?<=${CJK}) ?[\\u00b7\\u2022\\u2027\\u30fb\\u2219\\u22c5.] ?(?=${CJK})`,
  'gu',
);

/**
 * A person's name: `cleanCell`, then spaces between Chinese characters removed (officers pad two-character
 * names for alignment: "张　三" → "张三") and the dots of minority and foreign names unified to "·"
 * ("阿依古丽•买买提", "阿依古丽.买买提" → "阿依古丽·买买提"). Spaces between Latin words are kept.
 */
export function cleanName(raw: string): string {
  return cleanCell(raw).replace(BETWEEN_CJK, '').replace(DOT_BETWEEN_CJK, '·').trim();
}

/**
 * True when a name contains at least one letter (rules out "123", "#N/A", "-") and does not start like a
 * spreadsheet formula (=, +, -, @), which would be a formula-injection risk when exported again.
 */
export function looksLikeName(name: string): boolean {
  return /\p{L}/u.test(name) && !/^#[A-Z/0!?]+[!?]?$/.test(name) && !/^[=+\-@]/.test(name);
}

/** Key for comparing names: cleaned, case-folded. */
export function nameKey(name: string): string {
  return cleanName(name).toLowerCase();
}

/** A value Excel turned into scientific notation on export ("1.38E+10"): its digits are lost. */
export function isScientificNotation(value: string): boolean {
  return /^[+-]?\d+(?:\.\d+)?[eE]\+?\d+$/.test(value.trim());
}
