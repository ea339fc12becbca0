import { findPhrase, isPrintableAscii } from './find-phrase.js';

interface Entry {
  readonly phrase: string;
  /** Place in the longest-first order blanking follows. */
  readonly rank: number;
  /** Latin phrases must stand as whole words (see findPhrase). */
  readonly wholeWord: boolean;
}

const isWordCharCode = (code: number) => (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
/** Size of the first-character filter (a power of two): character codes are folded onto it. */
const FILTER_SIZE = 4096;

/**
 * A lexicon's phrases, looked for in one pass over a question instead of one search per phrase: every question
 * meets several hundred phrases, and only a handful occur in it. Phrases are grouped by their first character,
 * so each position of the text is checked against the few phrases that start with its character. Small and
 * written here because it must answer exactly as findPhrase and blankPhrases do (test/policy/phrase-set.test.ts).
 */
export class PhraseSet {
  private readonly byFirstChar = new Map<number, Entry[]>();
  /**
   * Whether some phrase may start with a character, by its code folded onto the filter: most characters of a
   * question start no phrase, and an array read rules them out more cheaply than a map lookup.
   */
  private readonly mayStart = new Uint8Array(FILTER_SIZE);
  /** Longest first, ties in the list's order: the order blankPhrases blanks in. */
  private readonly longestFirst: readonly string[];
  /** Ranks of phrases holding a space: blanking can make new occurrences of those, so they are always tried. */
  private readonly spaced: readonly number[];

  constructor(phrases: readonly string[]) {
    this.longestFirst = [...phrases].sort((a, b) => b.length - a.length);
    const spaced: number[] = [];
    this.longestFirst.forEach((phrase, rank) => {
      if (phrase === '') throw new Error('a phrase may not be empty');
      if (phrase.includes(' ')) spaced.push(rank);
      const first = phrase.charCodeAt(0);
      this.mayStart[first & (FILTER_SIZE - 1)] = 1;
      const bucket = this.byFirstChar.get(first) ?? [];
      bucket.push({ phrase, rank, wholeWord: isPrintableAscii(phrase) });
      this.byFirstChar.set(first, bucket);
    });
    this.spaced = spaced;
  }

  /** The phrases findPhrase finds in the text. */
  found(text: string): Set<string> {
    const found = new Set<string>();
    for (let at = 0; at < text.length; at++) {
      const bucket = this.bucketAt(text, at);
      if (!bucket) continue;
      for (const { phrase, wholeWord } of bucket) {
        if (text.startsWith(phrase, at) && (!wholeWord || standsAlone(text, at, phrase.length)))
          found.add(phrase);
      }
    }
    return found;
  }

  /** Whether findPhrase finds any of the phrases in the text. */
  has(text: string): boolean {
    for (let at = 0; at < text.length; at++) {
      const bucket = this.bucketAt(text, at);
      if (!bucket) continue;
      for (const { phrase, wholeWord } of bucket) {
        if (text.startsWith(phrase, at) && (!wholeWord || standsAlone(text, at, phrase.length))) return true;
      }
    }
    return false;
  }

  /** `found(text)` and `blank(text)` from one pass over the text: most questions need both. */
  read(text: string): { found: Set<string>; blanked: string } {
    const found = new Set<string>();
    let ranks: number[] | undefined;
    for (let at = 0; at < text.length; at++) {
      const bucket = this.bucketAt(text, at);
      if (!bucket) continue;
      for (const { phrase, rank, wholeWord } of bucket) {
        if (!text.startsWith(phrase, at)) continue;
        if (!ranks) ranks = [rank];
        else if (!ranks.includes(rank)) ranks.push(rank);
        if (!wholeWord || standsAlone(text, at, phrase.length)) found.add(phrase);
      }
    }
    return { found, blanked: this.blankRanks(text, ranks) };
  }

  /**
   * blankPhrases(text, phrases): every occurrence replaced with spaces, longest phrase first. Only the phrases
   * that occur in the text are tried, in the same order, and those holding a space once something was blanked
   * (the blank may complete them).
   */
  blank(text: string): string {
    return this.blankRanks(text, this.ranksIn(text));
  }

  /** Blanks the text, given the ranks of the phrases occurring in it (undefined for none). */
  private blankRanks(text: string, present: number[] | undefined): string {
    if (present === undefined) return text;
    present.sort((a, b) => a - b);
    const { spaced } = this;
    let out = text;
    // The present ranks and the spaced ones merged, in ascending order, each once.
    for (let nextPresent = 0, nextSpaced = 0; nextPresent < present.length || nextSpaced < spaced.length; ) {
      const ofPresent = present[nextPresent] ?? Number.POSITIVE_INFINITY;
      const ofSpaced = spaced[nextSpaced] ?? Number.POSITIVE_INFINITY;
      const rank = Math.min(ofPresent, ofSpaced);
      if (ofPresent === rank) nextPresent++;
      if (ofSpaced === rank) nextSpaced++;
      if (out === text && ofPresent !== rank) continue;
      const phrase = this.longestFirst[rank] ?? '';
      for (let at = findPhrase(out, phrase); at !== -1; at = findPhrase(out, phrase))
        out = `${out.slice(0, at)}${' '.repeat(phrase.length)}${out.slice(at + phrase.length)}`;
    }
    return out;
  }

  /** The ranks of the phrases occurring in the text, whole word or not, each once; undefined for none. */
  private ranksIn(text: string): number[] | undefined {
    let ranks: number[] | undefined;
    for (let at = 0; at < text.length; at++) {
      const bucket = this.bucketAt(text, at);
      if (!bucket) continue;
      for (const { phrase, rank } of bucket) {
        if (!text.startsWith(phrase, at)) continue;
        if (!ranks) ranks = [rank];
        else if (!ranks.includes(rank)) ranks.push(rank);
      }
    }
    return ranks;
  }

  /** The phrases that start with the text's character at `at`, if any. */
  private bucketAt(text: string, at: number): readonly Entry[] | undefined {
    const code = text.charCodeAt(at);
    return this.mayStart[code & (FILTER_SIZE - 1)] ? this.byFirstChar.get(code) : undefined;
  }
}

function standsAlone(text: string, at: number, length: number): boolean {
  return !isWordCharCode(text.charCodeAt(at - 1)) && !isWordCharCode(text.charCodeAt(at + length));
}
