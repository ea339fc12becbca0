import { describe, expect, it } from 'vitest';
import { ASK_CASES } from '../../bench/ask-cases.js';
import { createAskEngine } from '../../src/policy/ask/index.js';
import { formatEffectiveFrom } from '../../src/policy/index.js';

const HOTLINE = '0371-12345678';
const engine = createAskEngine();
type Locale = 'zh-CN' | 'zh-TW' | 'en';
const ask = (question: string, locale: Locale = 'zh-CN') =>
  engine.ask(question, { locale, hotline: HOTLINE, asOf: '2026-10-01' });

describe('ask: questions that state facts', () => {
  it('picks the one figure that applies and says why', () => {
    const result = ask('我家孩子上初中住校，一年能补多少钱');
    expect(result.topMatch).toEqual({ kind: 'programme', id: 'compulsory_living_subsidy' });
    expect(result.facts).toEqual({ stage: 'junior_secondary', boarding: true, categories: [] });
    expect(result.figures.map((figure) => figure.yuan)).toEqual([1500]);
    expect(result.answer).toContain('按您说的（初中、住校），适用“初中寄宿生”：每年1500元');
    for (const other of ['1250元', '625元', '750元']) expect(result.answer).not.toContain(other);
    expect(result.answer).toContain('资助政策自查');
    expect(result.suggestions.map((suggestion) => suggestion.kind)).toContain('eligibility_check');
  });

  it('reads day students, rural households and categories', () => {
    const result = ask('孩子读初一不住校，我们是农村低保户，有补助吗');
    expect(result.topMatch?.id).toBe('compulsory_living_subsidy');
    expect(result.facts).toMatchObject({
      stage: 'junior_secondary',
      boarding: false,
      residence: 'rural',
      categories: ['subsistence_allowance'],
    });
    expect(result.figures.map((figure) => figure.yuan)).toEqual([750]);
  });

  it('keeps every figure when the question says nothing that decides it', () => {
    const result = ask('寄宿生补助是多少钱');
    expect(result.figures.map((figure) => figure.yuan)).toEqual([1250, 1500]);
  });

  it('answers "七年级" alone with the junior secondary aid, never the vocational grant', () => {
    for (const question of ['七年级', '孩子读初二', '八年级']) {
      const result = ask(question);
      expect(result.topMatch).toEqual({ kind: 'overview', id: 'junior_secondary' });
      expect(result.confidence).not.toBe('high');
      expect(result.programIds).not.toContain('vocational_national_grant');
      expect(result.answer).toContain('义务教育家庭经济困难学生生活补助');
      expect(result.answer).toContain('资助政策自查');
    }
  });
});

describe('ask: how to apply', () => {
  it('gives steps, time of year, where to go and materials in every locale alike', () => {
    const cases: [string, Locale, string[]][] = [
      [
        '助学贷款怎么申请',
        'zh-CN',
        ['怎么申请：', '1. 时间和步骤：', '暑期', '2. 去哪里、找谁：', '3. 准备材料：'],
      ],
      [
        '助學貸款怎麼申請',
        'zh-TW',
        ['怎麼申請：', '1. 時間和步驟：', '暑期', '2. 去哪裡、找誰：', '3. 準備材料：'],
      ],
      [
        'How do I apply for a student loan?',
        'en',
        ['How to apply', '1. When and how:', 'summer', '2. Where', '3. What to bring:'],
      ],
    ];
    for (const [question, locale, parts] of cases) {
      const result = ask(question, locale);
      expect(result.topMatch).toEqual({ kind: 'programme', id: 'student_loan' });
      expect(result.intent).toBe('how_to_apply');
      for (const part of parts) expect(result.answer).toContain(part);
    }
  });

  it('says when no application is needed', () => {
    const result = ask('营养餐怎么申请');
    expect(result.topMatch?.id).toBe('nutrition_meal');
    expect(result.answer).toContain('不需要申请');
  });
});

describe('ask: programmes run by someone else', () => {
  it('says who runs them and whom to ask instead of naming a wrong programme', () => {
    const cases: [string, string, string][] = [
      ['雨露计划', 'yulu_plan', '农业农村'],
      ['大学的国家助学金怎么申请', 'university_aid', '高校'],
      ['有没有慈善机构资助贫困学生', 'charity', '举办机构'],
      ['怎么申请低保', 'civil_affairs', '民政'],
    ];
    for (const [question, id, who] of cases) {
      const result = ask(question);
      expect(result.topMatch).toEqual({ kind: 'out_of_scope', id });
      expect(result.programIds).toEqual([]);
      expect(result.answer).toContain(who);
    }
  });

  it('keeps university loans in scope', () => {
    expect(ask('上大学助学贷款最多能贷多少').topMatch).toEqual({ kind: 'programme', id: 'student_loan' });
  });
});

describe('ask: small talk', () => {
  it('answers greetings, thanks and "找老师" briefly, without the policy boilerplate', () => {
    const cases: [string, Locale, string][] = [
      ['你好', 'zh-CN', 'greeting'],
      ['谢谢', 'zh-CN', 'thanks'],
      ['thank you', 'en', 'thanks'],
      ['人工', 'zh-CN', 'human'],
      ['我要找老师', 'zh-CN', 'human'],
      ['轉人工', 'zh-TW', 'human'],
    ];
    for (const [question, locale, kind] of cases) {
      const result = ask(question, locale);
      expect(result.topMatch).toEqual({ kind: 'small_talk', id: kind });
      expect(result.answer).not.toContain('资助不收取任何费用');
      expect(result.answer.length).toBeLessThan(120);
    }
    expect(ask('找老师').suggestions.map((suggestion) => suggestion.kind)).toEqual(['contact_officer']);
  });

  it('never answers a vague or empty message with the anti-fraud text', () => {
    for (const question of ['我也不知道', '不知道', '嗯', '', '？？？', 'not sure']) {
      const result = ask(question, question === 'not sure' ? 'en' : 'zh-CN');
      expect(result.topMatch).toEqual({ kind: 'small_talk', id: 'vague' });
      expect(result.confidence).not.toBe('high');
      expect(result.answer).not.toMatch(/诈骗|scam|挂断|报警/);
    }
  });

  it('still answers a question that starts with a greeting', () => {
    expect(ask('你好，高中助学金一年多少').topMatch).toEqual({
      kind: 'programme',
      id: 'senior_national_grant',
    });
  });
});

describe('ask: sources and dates', () => {
  it('shows the effective date, the document and its status on every programme answer', () => {
    const result = ask('初中住校生活补助一年多少钱');
    expect(result.sources).toMatchObject({
      effective: { from: '2024-03-01', label: '2024年春季学期起' },
      verification: 'verified',
      summary: '2024年春季学期起 · 财政部，2024年5月 · 已核实',
      showLabel: '查看依据',
    });
    expect(result.sources?.documents[0]).toMatchObject({
      documentId: 'mof-2024-05-living-subsidy',
      date: '2024-05',
    });
    expect(result.answer).toContain('依据：2024年春季学期起 · 财政部，2024年5月 · 已核实');
    expect(result.citations.find((citation) => citation.documentId === 'caijiao-2021-310')?.date).toBe(
      '2021-12',
    );
  });

  it('marks secondary sources as such', () => {
    const result = ask('中职国家助学金标准');
    expect(result.sources?.verification).toBe('secondary');
    expect(result.answer).toContain('二手来源，待核实');
    expect(ask('vocational grant amount', 'en').answer).toContain('secondary sources only');
  });

  it('gives a source to every programme answer of the question set', () => {
    for (const item of ASK_CASES) {
      const result = engine.ask(item.q, { locale: item.locale, hotline: HOTLINE });
      if (result.topMatch?.kind === 'programme' && result.confidence !== 'low') {
        expect({ q: item.q, sources: result.sources !== null }).toEqual({ q: item.q, sources: true });
      }
    }
  });

  it('reads effective dates as school terms', () => {
    expect(formatEffectiveFrom('2024-03-01', 'zh-CN')).toBe('2024年春季学期起');
    expect(formatEffectiveFrom('2024-09-01', 'zh-TW')).toBe('2024年秋季學期起');
    expect(formatEffectiveFrom('2021-01-01', 'en')).toBe('from 2021');
    expect(formatEffectiveFrom('2025-03-01', 'en')).toBe('from the 2025 spring term');
  });
});
