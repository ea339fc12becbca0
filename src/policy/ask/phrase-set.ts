import { findPhrase, isPrintableAscii } from './find-phrase.js';

interface Entry {
  readonly phrase: string;
  /** Place in the longest-first order blanking follows. */
  readonly rank: number;
  /** Latin phrases must stand as whole words (see findPhrase). */
  readonly wholeWord: boolean;
}

const isWordCharCode = (code: number) => (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);

/**
 * A lexicon's phrases, looked for in one pass over a question instead of one search per phrase: every question
 * meets several hundred phrases, and only a handful occur in it. Phrases are grouped by their first character,
 * so each position of the text is checked against the few phrases that start with its character. Small and
 * written here because it must answer exactly as findPhrase and blankPhrases do (test/policy/phrase-set.test.ts).
 */
export class PhraseSet {
  private readonly byFirstChar = new Map<number, Entry[]>();
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
      const bucket = this.byFirstChar.get(first) ?? [];
      bucket.push({ phrase, rank, wholeWord: isPrintableAscii(phrase) });
      this.byFirstChar.set(first, bucket);
    });
    this.spaced = spaced;
  }

  /** The phrases findPhrase finds in the text. */
  found(text: string): Set<string> {
    const found = new Set<string>();
    this.scan(text, (entry, at) => {
      if (!entry.wholeWord || standsAlone(text, at, entry.phrase.length)) found.add(entry.phrase);
    });
    return found;
  }

  /** Whether findPhrase finds any of the phrases in the text. */
  has(text: string): boolean {
    for (let at = 0; at < text.length; at++) {
      const bucket = this.byFirstChar.get(text.charCodeAt(at));
      if (!bucket) continue;
      for (const { phrase, wholeWord } of bucket) {
        if (text.startsWith(phrase, at) && (!wholeWord || standsAlone(text, at, phrase.length))) return true;
      }
    }
    return false;
  }

  /**
   * blankPhrases(text, phrases): every occurrence replaced with spaces, longest phrase first. Only the phrases
   * that occur in the text are tried, in the same order, and those holding a space once something was blanked
   * (the blank may complete them).
   */
  blank(text: string): string {
    const present: number[] = [];
    this.scan(text, ({ rank }) => {
      if (!present.includes(rank)) present.push(rank);
    });
    if (present.length === 0) return text;
    const ranks = [...present, ...this.spaced.filter((rank) => !present.includes(rank))].sort(
      (a, b) => a - b,
    );
    let out = text;
    for (const rank of ranks) {
      if (out === text && !present.includes(rank)) continue;
      const phrase = this.longestFirst[rank] ?? '';
      for (let at = findPhrase(out, phrase); at !== -1; at = findPhrase(out, phrase))
        out = `${out.slice(0, at)}${' '.repeat(phrase.length)}${out.slice(at + phrase.length)}`;
    }
    return out;
  }

  /** Calls `visit` for every occurrence of every phrase in the text, whole word or not. */
  private scan(text: string, visit: (entry: Entry, at: number) => void): void {
    for (let at = 0; at < text.length; at++) {
      const bucket = this.byFirstChar.get(text.charCodeAt(at));
      if (!bucket) continue;
      for (const entry of bucket) if (text.startsWith(entry.phrase, at)) visit(entry, at);
    }
  }
}

function standsAlone(text: string, at: number, length: number): boolean {
  return !isWordCharCode(text.charCodeAt(at - 1)) && !isWordCharCode(text.charCodeAt(at + length));
}
