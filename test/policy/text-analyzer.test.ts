import { describe, expect, it } from 'vitest';
import { ASK_CASES } from '../../bench/ask-cases.js';
import { LOCALES, t } from '../../src/i18n/index.js';
import { DEFAULT_KNOWLEDGE_BASE } from '../../src/policy/ask/knowledge-base.js';
import { createTextAnalyzer } from '../../src/policy/ask/text-analyzer.js';
import { STAGE_IDS } from '../../src/policy/index.js';

// The shortcuts of the analyzer must cut exactly what plain tokenizing cuts.
const analyzer = createTextAnalyzer(DEFAULT_KNOWLEDGE_BASE);
const questions = ASK_CASES.map((item) => item.q);
const stageNames = STAGE_IDS.flatMap((stage) => LOCALES.map((locale) => t(locale, `policy.stage.${stage}`)));

/** The question with each of its characters, and each pair of neighbours, blanked: what cue removal leaves. */
function blanked(text: string): string[] {
  const chars = [...text];
  return chars.flatMap((_, at) => [
    [...chars.slice(0, at), ' ', ...chars.slice(at + 1)].join(''),
    [...chars.slice(0, at), '  ', ...chars.slice(at + 2)].join(''),
    chars.filter((_char, index) => index % 2 === at % 2).join(' '),
  ]);
}

describe('text analyzer', () => {
  it('tokenizes texts joined by a space as the joined text', () => {
    for (const question of [...questions, '', '  ', '你好 ', '\ufeff低保', 'what is 低保?']) {
      for (const stage of stageNames) {
        expect(analyzer.tokenizeJoined([question, stage]), question).toEqual(
          analyzer.tokenize(`${question} ${stage}`),
        );
      }
    }
  });

  it('finds terms exactly when tokenize cuts some', () => {
    for (const text of [
      ...questions.flatMap((question) => [question, ...blanked(question)]),
      '',
      ' ',
      '的',
      '?!',
      'a',
      'the',
    ]) {
      expect(analyzer.hasTerms(text), JSON.stringify(text)).toBe(analyzer.tokenize(text).length > 0);
    }
  });

  it('finds a topic exactly when tokenize cuts a term of two characters or more', () => {
    const texts = [
      ...questions.flatMap((question) => [question, ...blanked(question)]),
      '',
      '我 的',
      '我的',
      '家里',
      '低\ufeff保',
      'a b',
      'ab',
      '〇〇',
      '⺀⺁',
    ];
    for (const text of texts) {
      const expected = analyzer.tokenize(text).some((term) => [...term].length >= 2);
      expect(analyzer.hasLongTerm(text), JSON.stringify(text)).toBe(expected);
    }
  });

  it('sees every common CJK ideograph as part of a word, as the topic shortcut assumes', () => {
    const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
    const notWords: string[] = [];
    for (let code = 0x4e00; code <= 0x9fff; code++) {
      const char = String.fromCharCode(code);
      for (const { segment, isWordLike } of segmenter.segment(`${char}，${char}`)) {
        if (segment === char && !isWordLike) notWords.push(char);
      }
    }
    expect(notWords).toEqual([]);
  });

  it('finds by containing() exactly the segments iterating finds, as the scan assumes', () => {
    const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
    for (const text of questions.flatMap((question) => [question, ...blanked(question)])) {
      const normalized = analyzer.normalize(text);
      const iterated = [...segmenter.segment(normalized)].map(({ segment, index, isWordLike }) => ({
        segment,
        index,
        isWordLike,
      }));
      const segments = segmenter.segment(normalized);
      const walked: typeof iterated = [];
      for (let at = 0; at < normalized.length; ) {
        const found = segments.containing(at);
        if (!found) break;
        walked.push({ segment: found.segment, index: found.index, isWordLike: found.isWordLike });
        at = found.index + found.segment.length;
      }
      expect(walked, text).toEqual(iterated);
    }
  });
});
