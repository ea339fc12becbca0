/**
 * Where a phrase occurs in normalised text. Latin phrases must stand as whole words ("hi" is not in "this");
 * Chinese has no word boundaries, so any occurrence counts. Returns -1 when absent.
 */
export function findPhrase(text: string, phrase: string): number {
  if (!/^[\x20-\x7e]+$/.test(phrase)) return text.indexOf(phrase);
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`(^|[^a-z0-9])${escaped}(?![a-z0-9])`).exec(text);
  return match ? match.index + (match[1]?.length ?? 0) : -1;
}

/** Replaces every occurrence of the phrases with spaces, longest first, so later checks do not see them. */
export function blankPhrases(text: string, phrases: readonly string[]): string {
  let out = text;
  for (const phrase of [...phrases].sort((a, b) => b.length - a.length)) {
    for (let at = findPhrase(out, phrase); at !== -1; at = findPhrase(out, phrase))
      out = `${out.slice(0, at)}${' '.repeat(phrase.length)}${out.slice(at + phrase.length)}`;
  }
  return out;
}
