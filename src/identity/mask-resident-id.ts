/**
 * 430102201501011234 → 4301**********1234: the first four digits (province and city) and the last four, enough for a
 * parent or teacher to tell two children apart, never the birth date. Used in every view and export; the full number
 * is only shown by an audited reveal. Anything that is not 18 characters (bad or legacy input) is masked whole.
 */
export function maskResidentId(id: string | null | undefined): string {
  if (!id) return '';
  const characters = [...id];
  if (characters.length !== 18) return '*'.repeat(characters.length);
  return `${characters.slice(0, 4).join('')}${'*'.repeat(10)}${characters.slice(14).join('')}`;
}
