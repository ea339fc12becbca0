import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASK_FIELDS, RESULT_FIELDS } from '../../src/policy-api/response-fields.js';
import { makePolicyApp } from './helpers.js';

const CHILD = {
  child: { stage: 'junior_secondary', boarding: true, schoolOwnership: 'public', residence: 'rural' },
  household: { categories: ['subsistence_allowance'] },
  asOf: '2025-10-01',
};
const QUESTION = { question: '初中住校生活补助一年多少钱', asOf: '2025-10-01' };

interface ErrorBody {
  error: { code: string; details: { unknown: string[]; allowed: string[] } };
}

describe('?fields= on /api/ask and /api/eligibility', () => {
  let harness: ReturnType<typeof makePolicyApp>;
  beforeAll(() => {
    harness = makePolicyApp();
  });
  afterAll(() => harness.close());
  const post = async (path: string, body: unknown) => {
    const response = await harness.post(path, body);
    const text = await response.text();
    return { status: response.status, bytes: new TextEncoder().encode(text).length, body: JSON.parse(text) };
  };

  it('sends only the asked-for fields of an answer, with the same values as the full answer', async () => {
    const full = await post('/api/ask', QUESTION);
    const picked = await post('/api/ask?fields=answer,confidence,programIds', QUESTION);
    expect(picked.status).toBe(200);
    expect(Object.keys(picked.body).sort()).toEqual(['answer', 'confidence', 'programIds']);
    expect(picked.body).toEqual({
      answer: full.body.answer,
      confidence: full.body.confidence,
      programIds: full.body.programIds,
    });
    expect(picked.bytes).toBeLessThan(full.bytes / 2);
  });

  it('lists every top-level field of the full answer, and no other', async () => {
    const full = await post('/api/ask', QUESTION);
    expect(full.body.topMatch).toBeDefined();
    expect(Object.keys(full.body).sort()).toEqual([...ASK_FIELDS].sort());
  });

  it('trims each result of an eligibility check and keeps the envelope', async () => {
    const full = await post('/api/eligibility', CHILD);
    const picked = await post('/api/eligibility?fields=programId, verdict,amount,verdict', CHILD);
    expect(picked.status).toBe(200);
    expect(picked.body.catalog).toEqual(full.body.catalog);
    expect(picked.body.asOf).toBe('2025-10-01');
    expect(picked.body.notice).toEqual(full.body.notice);
    expect(picked.body.results).toEqual(
      full.body.results.map((result: Record<string, unknown>) => ({
        programId: result.programId,
        verdict: result.verdict,
        amount: result.amount,
      })),
    );
    expect(picked.bytes).toBeLessThan(full.bytes / 3);
    for (const result of full.body.results)
      expect(Object.keys(result).sort()).toEqual([...RESULT_FIELDS].sort());
  });

  it('refuses an unknown or empty field list with 400 unknown_field and names the allowed fields', async () => {
    for (const [path, body] of [
      ['/api/ask?fields=answer,secret', QUESTION],
      ['/api/eligibility?fields=programId,secret', CHILD],
    ] as const) {
      const { status, body: error } = (await post(path, body)) as { status: number; body: ErrorBody };
      expect(status).toBe(400);
      expect(error.error.code).toBe('unknown_field');
      expect(error.error.details.unknown).toEqual(['secret']);
      expect(error.error.details.allowed).toContain(path.startsWith('/api/ask') ? 'answer' : 'programId');
    }
    const empty = (await post('/api/ask?fields=', QUESTION)) as { status: number; body: ErrorBody };
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('unknown_field');
    const endsWithComma = (await post('/api/ask?fields=answer,', QUESTION)) as {
      status: number;
      body: ErrorBody;
    };
    expect(endsWithComma.body.error.code).toBe('unknown_field');
  });

  it('documents the parameter in the OpenAPI document', async () => {
    const document = (await (await harness.app.request('/openapi.json')).json()) as {
      paths: Record<string, { post: { parameters?: { name: string; in: string; description: string }[] } }>;
    };
    for (const [path, example] of [
      ['/api/ask', 'suggestions'],
      ['/api/eligibility', 'needsLocalConfirmation'],
    ] as const) {
      const parameter = document.paths[path]?.post.parameters?.find(
        (candidate) => candidate.name === 'fields',
      );
      expect(parameter?.in).toBe('query');
      expect(JSON.stringify(parameter)).toContain(example);
      expect(JSON.stringify(parameter)).toContain('unknown_field');
    }
  });
});
