const WORD_CHAR = /[a-z0-9]/;

const isWordChar = (char: string | undefined) => char !== undefined && WORD_CHAR.test(char);

/** A loop rather than a regular expression: this runs for every phrase of a lexicon that a question holds. */
export function isPrintableAscii(phrase: string): boolean {
  if (phrase.length === 0) return false;
  for (let index = 0; index < phrase.length; index++) {
    const code = phrase.charCodeAt(index);
    if (code < 0x20 || code > 0x7e) return false;
  }
  return true;
}

/**
 * Where a phrase occurs in normalised text. Latin phrases must stand as whole words ("hi" is not in "this");
 * Chinese has no word boundaries, so any occurrence counts. Returns -1 when absent.
 */
export function findPhrase(text: string, phrase: string): number {
  if (!isPrintableAscii(phrase)) return text.indexOf(phrase);
  for (let at = text.indexOf(phrase); at !== -1; at = text.indexOf(phrase, at + 1)) {
    if (!isWordChar(text[at - 1]) && !isWordChar(text[at + phrase.length])) return at;
  }
  return -1;
}
