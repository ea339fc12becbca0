import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASK_CASES } from '../../bench/ask-cases.js';
import { createAskEngine } from '../../src/policy/index.js';
import { HOTLINE, makePolicyApp } from './helpers.js';

interface AskBody {
  answer: string;
  programIds: string[];
  citations: { documentId: string }[];
  confidence: string;
  suggestions: { kind: string; label: string }[];
  topMatch?: { kind: string; id: string };
  catalog: { id: string; version: string };
  locale: string;
}

describe('POST /api/ask', () => {
  let harness: ReturnType<typeof makePolicyApp>;
  beforeAll(() => {
    harness = makePolicyApp();
  });
  afterAll(() => harness.close());
  const ask = async (body: unknown) => {
    const response = await harness.post('/api/ask', body);
    return { status: response.status, body: (await response.json()) as AskBody };
  };

  it('answers from the catalogue with figures, citations, the anti-fraud line and the hotline', async () => {
    const { status, body } = await ask({ question: '初中住校生活补助一年多少钱', asOf: '2025-10-01' });
    expect(status).toBe(200);
    expect(body.programIds[0]).toBe('compulsory_living_subsidy');
    expect(body.confidence).toBe('high');
    expect(body.answer).toContain('每年1500元');
    expect(body.answer).toContain('资助不收取任何费用');
    expect(body.answer).toContain(HOTLINE);
    expect(body.citations.map((citation) => citation.documentId)).toContain('mof-2024-05-living-subsidy');
    expect(body.catalog).toEqual({ id: 'cn-national', version: '2025.1' });
  });

  it('answers glossary questions ("什么是…") and in zh-TW and English', async () => {
    const glossary = await ask({ question: '什么是低保' });
    expect(glossary.body.topMatch).toEqual({ kind: 'glossary', id: 'subsistence_allowance' });
    const traditional = await ask({
      question: '生源地助學貸款可以貸多少',
      locale: 'zh-TW',
      asOf: '2025-10-01',
    });
    expect(traditional.body.answer).toContain('請以當地資助中心公布為準');
    expect(traditional.body.locale).toBe('zh-TW');
    const english = await ask({ question: 'how much is the student loan', locale: 'en', asOf: '2025-10-01' });
    expect(english.body.answer).toContain('up to 20,000 yuan a year');
  });

  it('says when it is unsure and offers the guided check and the aid officer', async () => {
    const { body } = await ask({ question: '今天天气怎么样' });
    expect(body.confidence).toBe('low');
    expect(body.answer).toContain('不太确定');
    expect(body.answer).toContain(HOTLINE);
    expect(body.suggestions.map((suggestion) => suggestion.kind)).toEqual(
      expect.arrayContaining(['eligibility_check', 'contact_officer']),
    );
  });

  it('answers every question of bench/ask-questions.json exactly as the engine does', async () => {
    const engine = createAskEngine();
    for (const item of ASK_CASES) {
      const { status, body } = await ask({ question: item.q, locale: item.locale, asOf: '2025-10-01' });
      expect(status).toBe(200);
      const direct = engine.ask(item.q.trim(), { locale: item.locale, hotline: HOTLINE, asOf: '2025-10-01' });
      expect({ q: item.q, ...body }).toEqual({
        q: item.q,
        ...direct,
        catalog: { id: 'cn-national', version: '2025.1' },
        locale: item.locale,
      });
    }
    // 170 questions over HTTP: give a busy machine time; the bench measures speed, not this test.
  }, 60_000);

  it('turns bad input into 4xx JSON with stable codes', async () => {
    const cases: [unknown, number, string][] = [
      ['', 400, 'invalid_body'],
      ['{"question":', 400, 'invalid_json'],
      [{ question: '' }, 400, 'invalid_body'],
      [{ question: '   ' }, 400, 'invalid_body'],
      [{ question: 42 }, 400, 'invalid_body'],
      [{ question: 'x'.repeat(501) }, 400, 'invalid_body'],
      [{ question: '低保', locale: 'de' }, 400, 'invalid_body'],
      [{ question: '低保', extra: true }, 400, 'invalid_body'],
      [{ question: '低保', catalog: 'atlantis' }, 404, 'catalog_not_found'],
    ];
    for (const [body, status, code] of cases) {
      const response = await harness.post('/api/ask', body);
      expect({ body, status: response.status }).toEqual({ body, status });
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
    }
  });
});
