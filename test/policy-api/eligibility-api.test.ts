import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { byId, type EligibilityBody, HOTLINE, makePolicyApp } from './helpers.js';

describe('POST /api/eligibility', () => {
  let harness: ReturnType<typeof makePolicyApp>;
  beforeEach(() => {
    harness = makePolicyApp();
  });
  afterEach(() => harness.close());

  it('evaluates every programme of the default catalogue with amounts, reasons and citations', async () => {
    const response = await harness.post('/api/eligibility', {
      asOf: '2025-10-01',
      child: { stage: 'junior_secondary', boarding: true, residence: 'rural' },
      household: { categories: ['subsistence_allowance'] },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as EligibilityBody;
    expect(body.catalog).toEqual({ id: 'cn-national', version: '2025.1' });
    expect(body.asOf).toBe('2025-10-01');
    const living = byId(body, 'compulsory_living_subsidy');
    expect(living.verdict).toBe('likely');
    expect(living.amount?.text).toBe('每年1500元');
    expect(living.materials.length).toBeGreaterThan(0);
    expect(living.howToApply).toContain('申请');
    expect(living.citations.map((citation) => citation.documentId)).toContain('mof-2024-05-living-subsidy');
    expect(living.sources).toMatchObject({
      effective: { from: '2024-03-01', label: '2024年春季学期起' },
      verification: 'verified',
      summary: '2024年春季学期起 · 财政部，2024年5月 · 已核实',
    });
    expect(byId(body, 'student_loan').verdict).toBe('unlikely');
    for (const result of body.results) {
      expect(result.sources?.documents.length).toBeGreaterThan(0);
      expect(result.text).toContain('资助不收取任何费用');
      expect(result.text).toContain(HOTLINE);
      expect(result.text).not.toContain('12309');
    }
  });

  it('reports what is missing and both amounts when boarding is unknown', async () => {
    const response = await harness.post('/api/eligibility', {
      asOf: '2025-10-01',
      child: { stage: 'primary' },
      household: { categories: ['poverty_alleviated'] },
    });
    const living = byId((await response.json()) as EligibilityBody, 'compulsory_living_subsidy');
    expect(living.amount?.options.map((option) => option.text)).toEqual(['每年1250元', '每年625元']);
    expect(living.missing.map((missing) => missing.field)).toContain('boarding');
    expect(living.missing.find((missing) => missing.field === 'boarding')?.question).toBe(
      '孩子在学校住宿吗？',
    );
  });

  it('answers in the requested locale and says secondary figures need local confirmation', async () => {
    const response = await harness.post('/api/eligibility', {
      asOf: '2025-10-01',
      locale: 'zh-TW',
      child: { stage: 'undergraduate' },
      household: { categories: ['subsistence_allowance'] },
    });
    const loan = byId((await response.json()) as EligibilityBody, 'student_loan');
    expect(loan.needsLocalConfirmation).toBe(true);
    expect(loan.text).toContain('請以當地資助中心公布為準');
    const english = (await (
      await harness.post('/api/eligibility', {
        locale: 'en',
        asOf: '2025-10-01',
        child: { stage: 'junior_secondary', boarding: true },
        household: { categories: ['orphan'] },
      })
    ).json()) as EligibilityBody;
    expect(byId(english, 'compulsory_living_subsidy').amount?.text).toBe('1,500 yuan a year');
  });

  it('uses another shipped catalogue when asked, and the DEFAULT_CATALOG otherwise', async () => {
    const county = (await (
      await harness.post('/api/eligibility', {
        catalog: 'demo-county',
        asOf: '2018-10-01',
        child: { stage: 'primary', boarding: true },
        household: { categories: ['poverty_alleviated'] },
      })
    ).json()) as EligibilityBody;
    expect(county.catalog.id).toBe('demo-county');
    const configured = makePolicyApp({ DEFAULT_CATALOG: 'demo-county' });
    try {
      const body = (await (
        await configured.post('/api/eligibility', {
          child: { stage: 'primary' },
          household: { categories: [] },
        })
      ).json()) as EligibilityBody;
      expect(body.catalog.id).toBe('demo-county');
    } finally {
      configured.close();
    }
  });

  it('turns bad input into 4xx JSON with stable codes, never 500', async () => {
    const cases: [unknown, number, string][] = [
      ['{not json', 400, 'invalid_json'],
      [{}, 400, 'invalid_body'],
      [{ child: { stage: 'kindergarten' }, household: { categories: [] } }, 400, 'invalid_body'],
      [{ child: { stage: 'primary', boardng: true }, household: { categories: [] } }, 400, 'invalid_body'],
      [{ child: { stage: 'primary' }, household: { categories: ['rich'] } }, 400, 'invalid_body'],
      [{ child: { stage: 'primary', grade: 0 }, household: { categories: [] } }, 400, 'invalid_body'],
      [
        { asOf: '2024-02-30', child: { stage: 'primary' }, household: { categories: [] } },
        400,
        'invalid_body',
      ],
      [{ locale: 'fr', child: { stage: 'primary' }, household: { categories: [] } }, 400, 'invalid_body'],
      [[1, 2], 400, 'invalid_body'],
      ['null', 400, 'invalid_body'],
      [
        { catalog: 'nowhere', child: { stage: 'primary' }, household: { categories: [] } },
        404,
        'catalog_not_found',
      ],
      [
        { catalog: '../etc', child: { stage: 'primary' }, household: { categories: [] } },
        400,
        'invalid_body',
      ],
    ];
    for (const [body, status, code] of cases) {
      const response = await harness.post('/api/eligibility', body);
      expect({ body, status: response.status }).toEqual({ body, status });
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
    }
    const missing = await harness.post('/api/eligibility', {
      catalog: 'nowhere',
      child: { stage: 'primary' },
      household: { categories: [] },
    });
    expect(((await missing.json()) as { error: { details: { available: string[] } } }).error.details).toEqual(
      {
        available: ['cn-national', 'demo-county'],
      },
    );
  });

  it('refuses bodies over 16 KB with 413', async () => {
    const response = await harness.post('/api/eligibility', {
      child: { stage: 'primary' },
      household: { categories: [] },
      padding: 'x'.repeat(20_000),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('body_too_large');
  });
});
