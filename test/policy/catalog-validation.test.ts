import { describe, expect, it } from 'vitest';
import cnNational from '../../src/policy/catalogs/cn-national.json' with { type: 'json' };
import demoCounty from '../../src/policy/catalogs/demo-county.json' with { type: 'json' };
import {
  DEFAULT_CATALOG_ID,
  getCatalog,
  listCatalogs,
  parseCatalog,
} from '../../src/policy/catalogs/index.js';

const clone = <T>(value: T): T => structuredClone(value);

describe('bundled catalogues', () => {
  it('both ship valid and are registered', () => {
    expect(parseCatalog(cnNational).ok).toBe(true);
    expect(parseCatalog(demoCounty).ok).toBe(true);
    expect(listCatalogs().map((catalog) => catalog.id)).toEqual(['cn-national', 'demo-county']);
    expect(getCatalog()?.id).toBe(DEFAULT_CATALOG_ID);
    expect(getCatalog('nowhere')).toBeUndefined();
  });

  it('cn-national covers every programme id of the reference table', () => {
    expect(getCatalog('cn-national')?.programmes.map((programme) => programme.id)).toEqual([
      'preschool_aid',
      'preschool_fee_waiver',
      'compulsory_free_tuition_textbooks',
      'compulsory_living_subsidy',
      'nutrition_meal',
      'senior_national_grant',
      'senior_fee_waiver',
      'vocational_fee_waiver',
      'vocational_national_grant',
      'student_loan',
    ]);
  });

  it('marks secondary figures as such (loans, vocational grant, senior grant from 2025)', () => {
    const catalog = getCatalog('cn-national');
    const values = (id: string) =>
      catalog?.programmes.find((programme) => programme.id === id)?.amounts.flatMap((rule) => rule.values) ??
      [];
    expect(values('student_loan').every((value) => value.verification === 'secondary')).toBe(true);
    expect(values('vocational_national_grant').every((value) => value.verification === 'secondary')).toBe(
      true,
    );
    expect(values('senior_national_grant').map((value) => value.verification)).toEqual([
      'verified',
      'secondary',
    ]);
    expect(values('compulsory_living_subsidy').every((value) => value.verification === 'verified')).toBe(
      true,
    );
  });

  it('every localized text has all three locales and never mentions 12309', () => {
    for (const catalog of listCatalogs()) {
      const text = JSON.stringify(catalog);
      expect(text).not.toContain('12309');
      expect(text).not.toMatch(/"zh-CN":""|"zh-TW":""|"en":""/);
    }
  });
});

describe('parseCatalog rejects broken catalogues with readable errors', () => {
  it('reports missing locales and bad enums with their path', () => {
    const broken = clone(cnNational) as Record<string, unknown> & typeof cnNational;
    const programme = broken.programmes[0];
    if (!programme) throw new Error('fixture');
    Object.assign(programme.name, { en: undefined });
    Object.assign(programme, { stages: ['kindergarten'] });
    const result = parseCatalog(broken);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.some((error) => error.startsWith('programmes[0].name.en:'))).toBe(true);
    expect(result.errors.some((error) => error.startsWith('programmes[0].stages[0]:'))).toBe(true);
  });

  it('rejects overlapping and reversed date ranges', () => {
    const broken = clone(cnNational);
    const living = broken.programmes.find((programme) => programme.id === 'compulsory_living_subsidy');
    const values = living?.amounts[0]?.values;
    if (!values?.[0] || !values[1]) throw new Error('fixture');
    Object.assign(values[0], { effectiveTo: '2024-06-30' });
    const result = parseCatalog(broken);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors.join('\n')).toMatch(/programmes\[3\]\.amounts\[0\]\.values\[1\]: overlaps/);

    const reversed = clone(demoCounty);
    const first = reversed.programmes[0]?.amounts[0]?.values[0];
    if (!first) throw new Error('fixture');
    first.effectiveTo = '2015-01-01';
    const reversedResult = parseCatalog(reversed);
    expect(reversedResult.ok).toBe(false);
    if (!reversedResult.ok) expect(reversedResult.errors.join('\n')).toContain('is before effectiveFrom');
  });

  it('rejects unknown document references, duplicate ids, impossible dates and 12309', () => {
    const broken = clone(demoCounty);
    const [first, second] = broken.programmes;
    if (!first || !second) throw new Error('fixture');
    first.citations[0] = {
      documentId: 'nope',
      verification: 'secondary',
      clause: first.citations[0]?.clause ?? { 'zh-CN': 'x', 'zh-TW': 'x', en: 'x' },
    };
    second.id = first.id;
    broken.publishedAt = '2023-02-30';
    first.contact = { 'zh-CN': '请拨打12309', 'zh-TW': '請撥打12309', en: 'call 12309' };
    const result = parseCatalog(broken);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const errors = result.errors.join('\n');
    expect(errors).toContain('unknown document nope');
    expect(errors).toContain('duplicate programme id');
    expect(errors).toContain('publishedAt: not a real date');
    expect(errors).toContain('12309');
  });

  it('rejects non-objects without throwing', () => {
    expect(parseCatalog(null)).toMatchObject({ ok: false });
    expect(parseCatalog('{}')).toMatchObject({ ok: false });
  });
});
