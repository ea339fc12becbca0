import type { OutOfScopeEntry } from './knowledge-base.js';
import { PhraseSet } from './phrase-set.js';

export type OutOfScopeMatcher = (normalizedQuestion: string) => OutOfScopeEntry | undefined;

/** Finds a programme the question names that no catalogue covers (雨露计划, university scholarships …). */
export function createOutOfScopeMatcher(
  entries: readonly OutOfScopeEntry[],
  normalize: (text: string) => string,
): OutOfScopeMatcher {
  const prepared = entries.map((entry) => ({
    entry,
    aliases: entry.aliases.map(normalize),
    allOf: entry.allOf.map((group) => group.map(normalize)),
    patterns: entry.patterns.map((source) => new RegExp(source, 'u')),
    unless: entry.unless.map(normalize),
  }));
  const everyPhrase = new PhraseSet(
    prepared.flatMap(({ aliases, allOf, unless }) => [...aliases, ...allOf.flat(), ...unless]),
  );
  return (text) => {
    const found = everyPhrase.found(text);
    const has = (_text: string, words: readonly string[]) => words.some((word) => found.has(word));
    return prepared.find(
      ({ aliases, allOf, patterns, unless }) =>
        !has(text, unless) &&
        (has(text, aliases) ||
          patterns.some((pattern) => pattern.test(text)) ||
          (allOf.length > 0 && allOf.every((group) => has(text, group)))),
    )?.entry;
  };
}
