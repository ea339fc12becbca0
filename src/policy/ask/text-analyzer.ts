import type { KnowledgeBase } from './knowledge-base.js';

const CJK = /\p{Script=Han}/u;
const LATIN_OR_DIGIT = /^[\p{Letter}\p{Number}]+$/u;
/** Intl.Segmenter never puts white space into a word. */
const TWO_UNSPACED = /\P{White_Space}{2}/u;
/** The common block of CJK unified ideographs: Intl.Segmenter counts each as (part of) a word. */
const isIdeograph = (code: number) => code >= 0x4e00 && code <= 0x9fff;
const SURROGATE = /[\ud800-\udfff]/;
/** How many scanned strings a text analyzer keeps (see `scan`). */
const RECENT_SCANS = 8;

/** Whether a string has more than two characters (code points), without spreading it into an array. */
function longerThanTwo(text: string): boolean {
  if (text.length <= 2) return false;
  let chars = 0;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    // The second half of a surrogate pair is not a character of its own.
    if ((code < 0xdc00 || code > 0xdfff) && ++chars > 2) return true;
  }
  return false;
}

interface Scanned {
  readonly runs: readonly string[];
  readonly words: readonly string[];
  readonly longWords: readonly string[];
}

/** Characters with a meaning inside [...] of a regular expression, escaped. */
function escapeForClass(char: string): string {
  return /[\\\][^-]/.test(char) ? `\\${char}` : char;
}

export interface TextAnalyzer {
  /** NFKC, lower case, traditional → simplified: the form both index and queries use. */
  normalize(text: string): string;
  /** Search terms: Intl.Segmenter words, plus character bigrams inside Chinese runs for recall. */
  tokenize(text: string): string[];
  /** The terms `tokenize` cuts from the texts joined by spaces, without segmenting the joined text again. */
  tokenizeJoined(texts: readonly string[]): string[];
  /** Whether `tokenize` finds any term in the text, without listing them. */
  hasTerms(text: string): boolean;
  /** Whether `tokenize` finds a term of two or more characters in the text: whether it names a topic. */
  hasLongTerm(text: string): boolean;
  /**
   * Share (0–1) of the question's meaningful characters covered by the matched terms. Counting
   * characters rather than terms keeps cross-word bigrams (中住 in 初中住校) from diluting it.
   */
  coverage(text: string, matchedTerms: readonly string[]): number;
}

/**
 * Chinese has no spaces and ICU's dictionary splits words like 低保 into 低|保, so each run of
 * Chinese words (between stopwords and punctuation) also yields overlapping bigrams. That makes
 * matching robust to segmentation differences and to one-character typos (助学代款 still shares 助学).
 */
export function createTextAnalyzer(
  knowledge: KnowledgeBase,
  /** Texts many questions are searched with (the stages' names): scanned once and always kept. */
  keptTexts: readonly string[] = [],
): TextAnalyzer {
  const charMap = new Map<string, string>();
  const traditional = [...knowledge.tradToSimp.traditional];
  const simplified = [...knowledge.tradToSimp.simplified];
  traditional.forEach((char, index) => {
    const target = simplified[index];
    if (target !== undefined) charMap.set(char, target);
  });
  const zhStopwords = new Set(knowledge.stopwords.zh);
  const enStopwords = new Set(knowledge.stopwords.en);
  const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

  // One pass of a regular expression over the traditional characters instead of a string built character by
  // character: most questions have none of them, and then nothing is copied.
  const traditionalChar = charMap.size
    ? new RegExp(`[${[...charMap.keys()].map(escapeForClass).join('')}]`, 'gu')
    : undefined;
  const fold = (text: string): string => {
    const folded = text.normalize('NFKC').toLowerCase();
    return traditionalChar ? folded.replace(traditionalChar, (char) => charMap.get(char) ?? char) : folded;
  };
  // A question is normalised first and then tokenized as typed (twice): the last text is remembered.
  let lastText: string | undefined;
  let lastNormalized = '';
  const normalize = (text: string): string => {
    if (text !== lastText) {
      lastNormalized = fold(text);
      lastText = text;
    }
    return lastNormalized;
  };

  const stem = (word: string): string =>
    word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;

  // Answering one question scans the same few strings several times (the question for the search and for its
  // coverage, the question without its cue words for the topic check and the coverage), and word segmentation
  // is the costly part: the last few scans are kept, by normalised text (the question as typed and as normalised
  // are one scan). The results are shared, so nobody may change them.
  const recentScans = new Map<string, Scanned>();
  const scanNormalized = (normalized: string): Scanned => {
    let scanned = recentScans.get(normalized);
    if (!scanned) {
      if (recentScans.size >= RECENT_SCANS) recentScans.delete(recentScans.keys().next().value ?? '');
      scanned = scanText(normalized);
      recentScans.set(normalized, scanned);
    }
    return scanned;
  };
  const keptScans = new Map<string, Scanned>();
  const scan = (text: string): Scanned => keptScans.get(text) ?? scanNormalized(normalize(text));

  /** Splits normalised text into Chinese runs (stopwords and punctuation break runs) and other words. */
  const scanText = (normalized: string): Scanned => {
    const runs: string[] = [];
    const words: string[] = [];
    const longWords: string[] = [];
    let run = '';
    const flushRun = () => {
      if (run) runs.push(run);
      run = '';
    };
    // containing() walks the same segments as iterating does (a quarter cheaper: no iterator protocol).
    const segments = segmenter.segment(normalized);
    for (let at = 0; at < normalized.length; ) {
      const found = segments.containing(at);
      if (!found) break;
      const { segment, isWordLike } = found;
      at = found.index + segment.length;
      if (!isWordLike) {
        flushRun();
      } else if (isIdeograph(segment.charCodeAt(0)) || CJK.test(segment)) {
        if (zhStopwords.has(segment)) {
          flushRun();
        } else {
          if (longerThanTwo(segment)) longWords.push(segment);
          run += segment;
        }
      } else {
        flushRun();
        if (LATIN_OR_DIGIT.test(segment) && !enStopwords.has(segment)) words.push(stem(segment));
      }
    }
    flushRun();
    return { runs, words, longWords };
  };

  for (const text of keptTexts) keptScans.set(text, scanText(fold(text)));

  const termsOf = ({ runs, words, longWords }: Scanned): string[] => {
    const terms: string[] = [...longWords, ...words];
    for (const run of runs) {
      // Most runs are all in the Basic Multilingual Plane, where a character is one code unit: no array needed.
      if (!SURROGATE.test(run)) {
        if (run.length === 1) terms.push(run);
        for (let index = 0; index + 1 < run.length; index++) terms.push(run.slice(index, index + 2));
        continue;
      }
      const chars = [...run];
      if (chars.length === 1) terms.push(run);
      for (let index = 0; index + 1 < chars.length; index++) terms.push(`${chars[index]}${chars[index + 1]}`);
    }
    return terms;
  };
  const tokenize = (text: string): string[] => termsOf(scan(text));
  // Every run yields a term (itself or its bigrams), and every long word is part of a run.
  const hasTerms = (text: string): boolean => {
    const { runs, words } = scan(text);
    return runs.length > 0 || words.length > 0;
  };
  // A space ends every word and run, and Intl.Segmenter cuts the text on either side of it as it cuts it alone, so
  // the joined text's scan is the texts' scans one after the other (checked by test/policy/text-analyzer.test.ts).
  const tokenizeJoined = (texts: readonly string[]): string[] => {
    if (texts.length === 1) return tokenize(texts[0] ?? '');
    const scans = texts.map(scan);
    return termsOf({
      runs: scans.flatMap((scanned) => scanned.runs),
      words: scans.flatMap((scanned) => scanned.words),
      longWords: scans.flatMap((scanned) => scanned.longWords),
    });
  };

  // A segment holding a character of no stopword can never be a stopword, so two such ideographs side by side
  // are in one run whatever the segmenter makes of them: a topic, found without segmenting.
  const stopwordChars = new Set(knowledge.stopwords.zh.flatMap((word) => [...word]));
  const hasLongTerm = (text: string): boolean => {
    const normalized = normalize(text);
    // A word or run of two characters is two non-space characters side by side; most blanked texts have none.
    if (!TWO_UNSPACED.test(normalized)) return false;
    for (let at = 0; at + 1 < normalized.length; at++) {
      if (isIdeograph(normalized.charCodeAt(at)) && isIdeograph(normalized.charCodeAt(at + 1))) {
        if (!stopwordChars.has(normalized.charAt(at)) && !stopwordChars.has(normalized.charAt(at + 1)))
          return true;
      }
    }
    const { runs, words } = scanNormalized(normalized);
    return runs.some((run) => [...run].length >= 2) || words.some((word) => [...word].length >= 2);
  };

  const coverage = (text: string, matchedTerms: readonly string[]): number => {
    const { runs, words } = scan(text);
    let total = 0;
    let covered = 0;
    for (const run of runs) {
      const hit = new Array<boolean>(run.length).fill(false);
      for (const term of matchedTerms) {
        for (let at = run.indexOf(term); at !== -1; at = run.indexOf(term, at + 1))
          hit.fill(true, at, at + term.length);
      }
      total += run.length;
      for (const isHit of hit) if (isHit) covered++;
    }
    for (const word of words) {
      total += word.length;
      if (matchedTerms.includes(word)) covered += word.length;
    }
    return total === 0 ? 0 : covered / total;
  };

  return { normalize, tokenize, tokenizeJoined, hasTerms, hasLongTerm, coverage };
}
