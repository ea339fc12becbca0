import { describe, expect, it } from 'vitest';
import { ASK_CASES, topId } from '../../bench/ask-cases.js';
import { createAskEngine } from '../../src/policy/ask/index.js';
import { DEFAULT_KNOWLEDGE_BASE } from '../../src/policy/ask/knowledge-base.js';
import { createTextAnalyzer } from '../../src/policy/ask/text-analyzer.js';

const HOTLINE = '0371-12345678';
const engine = createAskEngine();
const ask = (question: string, locale: 'zh-CN' | 'zh-TW' | 'en' = 'zh-CN', catalogId?: string) =>
  engine.ask(question, { locale, hotline: HOTLINE, asOf: '2025-10-01', ...(catalogId ? { catalogId } : {}) });

describe('ask: question set (bench/ask-questions.json)', () => {
  it('has at least 60 questions across zh-CN, zh-TW and English', () => {
    expect(ASK_CASES.length).toBeGreaterThanOrEqual(60);
    for (const locale of ['zh-CN', 'zh-TW', 'en'] as const) {
      expect(ASK_CASES.filter((item) => item.locale === locale).length).toBeGreaterThanOrEqual(8);
    }
  });

  it('gets the top-1 match right for at least 90% of them', () => {
    const misses = ASK_CASES.filter(
      (item) => topId(engine.ask(item.q, { locale: item.locale, hotline: HOTLINE })) !== item.expect,
    );
    const accuracy = 1 - misses.length / ASK_CASES.length;
    expect({ accuracy: accuracy >= 0.9, misses: misses.map((item) => item.q) }).toEqual({
      accuracy: true,
      misses: expect.any(Array),
    });
  });
});

describe('ask: answers', () => {
  it('quotes the figures in force from the catalogue, with anti-fraud line and hotline', () => {
    const result = ask('初中住校生活补助一年多少钱');
    expect(result.programIds[0]).toBe('compulsory_living_subsidy');
    expect(result.confidence).toBe('high');
    expect(result.answer).toContain('“初中寄宿生”：每年1500元');
    expect(result.answer).toContain('资助不收取任何费用');
    expect(result.answer).toContain(HOTLINE);
    expect(result.citations.map((citation) => citation.documentId)).toContain('mof-2024-05-living-subsidy');
  });

  it('answers in the requested locale, also for traditional-character questions', () => {
    const result = ask('生源地助學貸款可以貸多少', 'zh-TW');
    expect(result.programIds[0]).toBe('student_loan');
    expect(result.answer).toContain('每年最高20000元');
    expect(result.answer).toContain('請以當地資助中心公布為準');
    const english = ask('how much is the student loan', 'en');
    expect(english.answer).toContain('up to 20,000 yuan a year');
  });

  it('answers glossary questions from the knowledge base', () => {
    const result = ask('什么是低保');
    expect(result.topMatch).toEqual({ kind: 'glossary', id: 'subsistence_allowance' });
    expect(result.answer).toContain('最低生活保障');
    expect(result.programIds).toEqual(['compulsory_living_subsidy', 'senior_fee_waiver']);
  });

  it('explains the five-step determination with its document', () => {
    const result = ask('困难学生认定的流程是什么');
    expect(result.topMatch?.id).toBe('hardship_determination');
    expect(result.answer).toContain('提前告知');
    expect(result.answer).toContain('建档备案');
    expect(result.citations[0]).toMatchObject({ number: '教财〔2018〕16号', verification: 'verified' });
  });

  it('uses the selected catalogue: the county answers with its own (expired) figures', () => {
    const result = ask('高中助学金多少钱', 'zh-CN', 'demo-county');
    expect(result.programIds[0]).toBe('senior_national_grant');
    expect(result.answer).toContain('2016年9月1日至2021年8月31日');
    expect(result.answer).toContain('请以当地资助中心公布为准');
  });

  it('says so when unsure and suggests the eligibility check and the aid officer', () => {
    for (const question of ['今天天气怎么样', 'xyzzy']) {
      const result = ask(question);
      expect(result.confidence).toBe('low');
      expect(result.programIds).toEqual([]);
      expect(result.answer).toContain('不太确定');
      expect(result.answer).toContain(HOTLINE);
      expect(result.suggestions.map((suggestion) => suggestion.kind).slice(0, 2)).toEqual([
        'eligibility_check',
        'contact_officer',
      ]);
    }
  });

  it('never shows 12309', () => {
    for (const item of ASK_CASES.slice(0, 20)) {
      const result = engine.ask(item.q, { locale: item.locale, hotline: '12309' });
      expect(result.answer).not.toContain('12309');
    }
  });
});

describe('text analyzer', () => {
  const analyzer = createTextAnalyzer(DEFAULT_KNOWLEDGE_BASE);
  it('maps traditional to simplified and drops filler words', () => {
    expect(analyzer.normalize('營養餐補助')).toBe('营养餐补助');
    const terms = analyzer.tokenize('我家孩子想問低保');
    expect(terms).toContain('低保');
    expect(terms).not.toContain('孩子');
  });
  it('emits bigrams so segmentation differences still match', () => {
    expect(analyzer.tokenize('助学贷款')).toEqual(expect.arrayContaining(['助学', '学贷', '贷款']));
    expect(analyzer.tokenize('Student Loans')).toEqual(['student', 'loan']);
  });
});
