import { foldText, OPTION_WORDS, type OptionWord, vocabularyWords, wordPattern } from './option-words.js';

/** An option value with every word that names it. */
export interface WordedValue {
  value: string;
  words: readonly OptionWord[];
}

interface Found {
  value: string;
  start: number;
  end: number;
}

const LATIN_EDGE = /[a-z0-9]/;
const ZH_NEGATIONS = OPTION_WORDS.negations.zh.map(foldText);
const EN_NEGATION = new RegExp(
  `(?:^|[^a-z'])(?:${OPTION_WORDS.negations.en.map(wordPattern).join('|')})\\s+$`,
);

/** A Latin word must stand alone: "grade 1" is not in "grade 10", "no" is not in "know". */
function standsAlone(text: string, start: number, end: number): boolean {
  const first = text[start] ?? '';
  const last = text[end - 1] ?? '';
  if (LATIN_EDGE.test(first) && LATIN_EDGE.test(text[start - 1] ?? '')) return false;
  if (LATIN_EDGE.test(last) && LATIN_EDGE.test(text[end] ?? '')) return false;
  return true;
}

function negated(text: string, start: number): boolean {
  const before = text.slice(0, start);
  if (ZH_NEGATIONS.some((word) => before.endsWith(word))) return true;
  return EN_NEGATION.test(before);
}

/**
 * The values whose words occur in already folded text, in reading order. Overlapping finds keep the longest
 * ("不住校" over "住校"); a find right after a negation ("不是低保") counts for nothing. Whole-reply-only words
 * are skipped here.
 */
export function scanWords(folded: string, candidates: readonly WordedValue[]): string[] {
  const found: Found[] = [];
  for (const { value, words } of candidates) {
    for (const word of words) {
      if (word.exact || !word.text) continue;
      for (let at = folded.indexOf(word.text); at !== -1; at = folded.indexOf(word.text, at + 1)) {
        const end = at + word.text.length;
        if (standsAlone(folded, at, end)) found.push({ value, start: at, end });
      }
    }
  }
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Found[] = [];
  for (const item of found) {
    if (kept.some((other) => item.start < other.end && other.start < item.end)) continue;
    kept.push(item);
  }
  const values: string[] = [];
  for (const item of kept.sort((a, b) => a.start - b.start)) {
    if (!negated(folded, item.start) && !values.includes(item.value)) values.push(item.value);
  }
  return values;
}

/**
 * Which values of a vocabulary a free-text question names, for the ask engine:
 * `valuesMentioned('我家孩子上初二，住校', 'stage')` is `['junior_secondary']`.
 */
export function valuesMentioned(text: string, vocabulary: string): string[] {
  const values = Object.keys(OPTION_WORDS.vocabularies[vocabulary] ?? {});
  return scanWords(
    foldText(text),
    values.map((value) => ({ value, words: vocabularyWords(vocabulary, value) })),
  );
}
