import type { KnowledgeBase } from './knowledge-base.js';

const CJK = /\p{Script=Han}/u;
const LATIN_OR_DIGIT = /^[\p{Letter}\p{Number}]+$/u;

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

  const normalize = (text: string): string => {
    let out = '';
    for (const char of text.normalize('NFKC').toLowerCase()) out += charMap.get(char) ?? char;
    return out;
  };

  const stem = (word: string): string =>
    word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;

  /** Splits into Chinese runs (stopwords and punctuation break runs) and other words. */
  const scan = (text: string): { runs: string[]; words: string[]; longWords: string[] } => {
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
