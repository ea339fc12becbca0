import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ELIGIBILITY_BODIES, ELIGIBILITY_BODIES_ON_MANY_DAYS } from '../../bench/support/policy-requests.js';
import { createCatalogMemo, evaluateEligibility, getDefaultCatalog } from '../../src/policy/index.js';
import { eligibilityAnswerJson } from '../../src/policy-api/eligibility-answer-memo.js';
import { eligibilityResponse } from '../../src/policy-api/index.js';
import { EligibilityRequestSchema } from '../../src/policy-api/request-schemas.js';
import { HOTLINE, makePolicyApp } from './helpers.js';

// Issue 13: eligibility answers are kept once worked out. A kept answer must be exactly the one that would be
// worked out afresh, whatever part of the question changed in between.
describe('kept eligibility answers', () => {
  let harness: ReturnType<typeof makePolicyApp>;
  let otherHotline: ReturnType<typeof makePolicyApp>;
  beforeAll(() => {
    harness = makePolicyApp();
    otherHotline = makePolicyApp({ AID_HOTLINE: '0371-12345678' });
  });
  afterAll(() => {
    harness.close();
    otherHotline.close();
  });

  /** The answer as the route would work it out with nothing kept. */
  function fresh(body: Record<string, unknown>, hotline = HOTLINE, fields?: string[]) {
    const catalog = getDefaultCatalog();
    const profile = body as {
      child: never;
      household: never;
      asOf?: string;
      locale?: 'zh-CN' | 'zh-TW' | 'en';
    };
    const result = evaluateEligibility(catalog, profile, profile.asOf ?? new Date(harness.clock.now()));
    return eligibilityResponse(catalog, result, profile.locale ?? 'zh-CN', hotline, fields as never);
  }

  it('answers every question, asked again and changed one part at a time, as if it were new', async () => {
    // Every fourth of the bench's bodies: each profile once at most, in all three languages.
    const variants = ELIGIBILITY_BODIES.filter((_, index) => index % 4 === 0).flatMap((text) => {
      const body = JSON.parse(text) as Record<string, unknown>;
      return [
        body,
        { ...body, asOf: '2025-10-01' },
        { ...body, asOf: '2026-03-01' },
        { ...body, locale: body.locale === 'en' ? 'zh-CN' : 'en' },
        { ...body, household: { categories: ['orphan'] } },
        { ...body, child: { ...(body.child as object), boarding: true } },
      ];
    });
    for (const round of [1, 2]) {
      for (const body of variants) {
        const response = await harness.post('/api/eligibility', body);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('application/json');
        expect({ round, answer: await response.json() }).toEqual({ round, answer: fresh(body) });
      }
    }
  }, 30_000);

  it('keeps answers apart by the fields asked for and by the deployment’s hotline', async () => {
    const body = JSON.parse(ELIGIBILITY_BODIES[0]!) as Record<string, unknown>;
    const full = await (await harness.post('/api/eligibility', body)).json();
    const picked = await (await harness.post('/api/eligibility?fields=programId,verdict', body)).json();
    const elsewhere = await (await otherHotline.post('/api/eligibility', body)).json();
    expect(full).toEqual(fresh(body));
    expect(picked).toEqual(fresh(body, HOTLINE, ['programId', 'verdict']));
    expect(elsewhere).toEqual(fresh(body, '0371-12345678'));
    expect(JSON.stringify(elsewhere)).toContain('0371-12345678');
    expect(JSON.stringify(elsewhere)).not.toContain(HOTLINE);
  });

  it('puts together, from kept results, the very bytes of every answer worked out afresh, on every day of a year', () => {
    // Every bench body as of every day of a school year (36 × 365), in full and with `fields`, for two hotlines:
    // each day where a figure starts, ends or is missing must show in the kept results' keys.
    const catalog = getDefaultCatalog();
    const decoder = new TextDecoder();
    const variants = [
      { hotline: HOTLINE, fields: undefined },
      { hotline: '0371-12345678', fields: undefined },
      { hotline: HOTLINE, fields: ['text', 'verdict', 'amount'] as const },
    ];
    // Before the catalogue's first figures nothing is in force, and the text names the day asked.
    const beforeAnyFigure = ELIGIBILITY_BODIES.flatMap((text) =>
      ['2019-03-01', '2019-03-02', '2019-09-01'].map((asOf) => JSON.stringify({ ...JSON.parse(text), asOf })),
    );
    let compared = 0;
    [...ELIGIBILITY_BODIES_ON_MANY_DAYS, ...beforeAnyFigure].forEach((text, index) => {
      const body = EligibilityRequestSchema.parse(JSON.parse(text));
      // A variant per thousand questions: within each, one child is asked about on many days.
      const { hotline, fields } = variants[Math.floor(index / 1000) % variants.length]!;
      const question = {
        profile: { child: body.child, household: body.household },
        asOf: body.asOf ?? '',
        locale: body.locale ?? 'zh-CN',
        hotline,
        fields,
      };
      const kept = decoder.decode(eligibilityAnswerJson(catalog, question));
      const result = evaluateEligibility(catalog, question.profile, question.asOf);
      const expected = JSON.stringify(eligibilityResponse(catalog, result, question.locale, hotline, fields));
      if (kept !== expected)
        expect({ body: text, hotline, fields, kept }).toEqual({
          body: text,
          hotline,
          fields,
          kept: expected,
        });
      compared++;
    });
    expect(compared).toBe(36 * 365 + 36 * 3);
  }, 60_000);

  it('drops the least recently used answer past its bound', () => {
    const memo = createCatalogMemo<string>(2);
    const catalog = {};
    let computed = 0;
    const get = (key: string) => memo.get(catalog, key, () => `${key}:${++computed}`);
    expect([get('a'), get('b'), get('a')]).toEqual(['a:1', 'b:2', 'a:1']);
    // 'b' is now the least recently used: 'c' takes its place, 'a' stays.
    expect([get('c'), get('a'), get('b')]).toEqual(['c:3', 'a:1', 'b:4']);
  });
});
