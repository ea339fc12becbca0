import type { KnowledgeBase } from './knowledge-base.js';

const CJK = /\p{Script=Han}/u;
const LATIN_OR_DIGIT = /^[\p{Letter}\p{Number}]+$/u;
/** How many scanned strings a text analyzer keeps (see `scan`). */
const RECENT_SCANS = 8;

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
export function createTextAnalyzer(knowledge: KnowledgeBase): TextAnalyzer {
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
  const normalize = (text: string): string => {
    const folded = text.normalize('NFKC').toLowerCase();
    return traditionalChar ? folded.replace(traditionalChar, (char) => charMap.get(char) ?? char) : folded;
  };

  const stem = (word: string): string =>
    word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;

  // Answering one question scans the same few strings several times (the question for the search and for its
  // coverage, the question without its cue words for the topic check and the coverage), and word segmentation
  // is the costly part: the last few scans are kept. The results are shared, so nobody may change them.
  const recentScans = new Map<string, Scanned>();
  const scan = (text: string): Scanned => {
    let scanned = recentScans.get(text);
    if (!scanned) {
      if (recentScans.size >= RECENT_SCANS) recentScans.delete(recentScans.keys().next().value ?? '');
      scanned = scanText(text);
      recentScans.set(text, scanned);
    }
    return scanned;
  };

  /** Splits into Chinese runs (stopwords and punctuation break runs) and other words. */
  const scanText = (text: string): Scanned => {
    const runs: string[] = [];
    const words: string[] = [];
    const longWords: string[] = [];
    let run = '';
    const flushRun = () => {
      if (run) runs.push(run);
      run = '';
    };
    for (const { segment, isWordLike } of segmenter.segment(normalize(text))) {
      if (!isWordLike) {
        flushRun();
      } else if (CJK.test(segment)) {
        if (zhStopwords.has(segment)) {
          flushRun();
        } else {
          if ([...segment].length > 2) longWords.push(segment);
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

  const tokenize = (text: string): string[] => {
    const { runs, words, longWords } = scan(text);
    const terms: string[] = [...longWords, ...words];
    for (const run of runs) {
      const chars = [...run];
      if (chars.length === 1) terms.push(run);
      for (let index = 0; index + 1 < chars.length; index++) terms.push(`${chars[index]}${chars[index + 1]}`);
    }
    return terms;
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
      covered += hit.filter(Boolean).length;
    }
    for (const word of words) {
      total += word.length;
      if (matchedTerms.includes(word)) covered += word.length;
    }
    return total === 0 ? 0 : covered / total;
  };

  return { normalize, tokenize, coverage };
}
