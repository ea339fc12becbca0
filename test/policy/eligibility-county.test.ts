import { describe, expect, it } from 'vitest';
import { evaluateOne, singleValue, yearlyYuan } from './helpers.js';

const COUNTY = 'demo-county';
const IN_FORCE = '2019-10-01';
const one = (
  programmeId: string,
  ...rest: Parameters<typeof evaluateOne> extends [string, string, ...infer R] ? R : never
) => evaluateOne(COUNTY, programmeId, ...rest);

describe('demo-county: figures for school years 2016–2020', () => {
  it('are in force from 2016-09-01 to 2021-08-31 and flagged as secondary', () => {
    const child = { stage: 'primary' as const, boarding: true };
    expect(one('compulsory_living_subsidy', child, ['orphan'], '2016-08-31').noValueInForce).toBe(true);
    expect(yearlyYuan(singleValue(one('compulsory_living_subsidy', child, ['orphan'], '2016-09-01')))).toBe(
      1000,
    );
    expect(yearlyYuan(singleValue(one('compulsory_living_subsidy', child, ['orphan'], '2021-08-31')))).toBe(
      1000,
    );
    const after = one('compulsory_living_subsidy', child, ['orphan'], '2021-09-01');
    expect(after.noValueInForce).toBe(true);
    expect(after.verdict).toBe('needs_check');
    expect(after.amounts[0]?.latestKnown).toMatchObject({
      effectiveFrom: '2016-09-01',
      effectiveTo: '2021-08-31',
    });
    expect(after.needsLocalConfirmation).toBe(true);
  });
});

describe('preschool_aid (county)', () => {
  const child = { stage: 'preschool' as const, inclusiveKindergarten: true };
  it('1400 for 建档立卡 children; tiers 1000/1200/1400 averaging 1200 with 10% coverage for others', () => {
    expect(singleValue(one('preschool_aid', child, ['poverty_alleviated'], IN_FORCE))).toMatchObject({
      kind: 'money',
      amount: 1400,
    });
    const tiers = one('preschool_aid', child, ['martyr_child'], IN_FORCE);
    expect(tiers.verdict).toBe('likely');
    expect(singleValue(tiers)).toEqual({
      kind: 'tiers',
      unit: 'yuan_per_year',
      average: 1200,
      tiers: [1000, 1200, 1400],
    });
    expect(tiers.amounts[0]?.inForce?.coverage?.percent).toBe(10);
  });
  it('other families need the kindergarten determination', () => {
    expect(one('preschool_aid', child, [], IN_FORCE).verdict).toBe('needs_check');
  });
});

describe('compulsory_living_subsidy (county)', () => {
  it('boarders 1000/1250 (30% of boarders), day students 500/625 (8%)', () => {
    const boarderPrimary = one(
      'compulsory_living_subsidy',
      { stage: 'primary', boarding: true },
      ['single_parent'],
      IN_FORCE,
    );
    expect(yearlyYuan(singleValue(boarderPrimary))).toBe(1000);
    expect(boarderPrimary.amounts[0]?.inForce?.coverage?.percent).toBe(30);
    expect(
      yearlyYuan(
        singleValue(
          one(
            'compulsory_living_subsidy',
            { stage: 'junior_secondary', boarding: true },
            ['orphan'],
            IN_FORCE,
          ),
        ),
      ),
    ).toBe(1250);
    const dayPrimary = one(
      'compulsory_living_subsidy',
      { stage: 'primary', boarding: false },
      ['parent_deceased'],
      IN_FORCE,
    );
    expect(yearlyYuan(singleValue(dayPrimary))).toBe(500);
    expect(dayPrimary.amounts[0]?.inForce?.coverage?.percent).toBe(8);
    expect(
      yearlyYuan(
        singleValue(
          one(
            'compulsory_living_subsidy',
            { stage: 'junior_secondary', boarding: false },
            ['subsistence_allowance'],
            IN_FORCE,
          ),
        ),
      ),
    ).toBe(625);
  });
  it('建档立卡 boarders and day students alike get 1000/1250 plus free uniform and school-bus subsidy', () => {
    for (const boarding of [true, false, undefined]) {
      const primary = one(
        'compulsory_living_subsidy',
        { stage: 'primary', boarding },
        ['poverty_alleviated'],
        IN_FORCE,
      );
      expect(primary.verdict).toBe('likely');
      expect(primary.amounts).toHaveLength(1);
      const value = singleValue(primary);
      expect(value?.kind).toBe('combined');
      expect(yearlyYuan(value)).toBe(1000);
      if (value?.kind === 'combined') {
        const items = value.parts.flatMap((part) =>
          part.kind === 'in_kind' ? part.items.map((item) => item['zh-CN']) : [],
        );
        expect(items).toEqual(['免校服费', '校车费补助']);
      }
    }
    expect(
      yearlyYuan(
        singleValue(
          one(
            'compulsory_living_subsidy',
            { stage: 'junior_secondary', boarding: false },
            ['poverty_alleviated'],
            IN_FORCE,
          ),
        ),
      ),
    ).toBe(1250);
  });
  it('county criteria include single-parent and one-parent-deceased families; others need checking', () => {
    expect(
      one('compulsory_living_subsidy', { stage: 'primary', boarding: false }, ['single_parent'], IN_FORCE)
        .verdict,
    ).toBe('likely');
    expect(
      one('compulsory_living_subsidy', { stage: 'primary', boarding: false }, ['monitored_at_risk'], IN_FORCE)
        .verdict,
    ).toBe('needs_check');
  });
});

describe('nutrition_meal (county)', () => {
  const daily = (result: ReturnType<typeof one>) => singleValue(result);
  it('1 yuan a day for every rural compulsory student', () => {
    const result = one(
      'nutrition_meal',
      { stage: 'primary', residence: 'rural', specialSchool: false },
      [],
      IN_FORCE,
    );
    expect(result.verdict).toBe('likely');
    expect(daily(result)).toEqual({ kind: 'daily', yuanPerDay: 1, paidAs: 'meals' });
  });
  it('orphans 10 × 365, special-school students 10 × 200, 低保 3 × 200', () => {
    expect(
      yearlyYuan(
        daily(one('nutrition_meal', { stage: 'primary', residence: 'urban' }, ['orphan'], IN_FORCE)),
      ),
    ).toBe(3650);
    expect(
      yearlyYuan(
        daily(one('nutrition_meal', { stage: 'junior_secondary', specialSchool: true }, [], IN_FORCE)),
      ),
    ).toBe(2000);
    expect(
      yearlyYuan(
        daily(
          one(
            'nutrition_meal',
            { stage: 'primary', specialSchool: false },
            ['subsistence_allowance'],
            IN_FORCE,
          ),
        ),
      ),
    ).toBe(600);
  });
  it('other hardship is 3 × 200 after the school determination', () => {
    const result = one(
      'nutrition_meal',
      { stage: 'primary', residence: 'urban', specialSchool: false },
      ['other_hardship'],
      IN_FORCE,
    );
    expect(result.verdict).toBe('needs_check');
    expect(yearlyYuan(daily(result))).toBe(600);
    expect(result.amounts[0]?.inForce?.coverage?.percent).toBe(15);
  });
});

describe('senior secondary (county)', () => {
  it('grant: 2500 for 建档立卡, tiers 1500/2000/2500 (10%) for others', () => {
    expect(
      yearlyYuan(
        singleValue(
          one('senior_national_grant', { stage: 'senior_secondary' }, ['poverty_alleviated'], IN_FORCE),
        ),
      ),
    ).toBe(2500);
    const tiers = singleValue(
      one('senior_national_grant', { stage: 'senior_secondary' }, ['orphan'], IN_FORCE),
    );
    expect(tiers).toMatchObject({ kind: 'tiers', average: 2000, tiers: [1500, 2000, 2500] });
    expect(one('senior_national_grant', { stage: 'senior_secondary' }, [], IN_FORCE).verdict).toBe(
      'needs_check',
    );
  });
  it('fee waiver for 建档立卡, 低保 (urban too), disabled students and orphans only', () => {
    const child = { stage: 'senior_secondary' as const, residence: 'urban' as const };
    for (const category of [
      'poverty_alleviated',
      'subsistence_allowance',
      'disabled_student',
      'orphan',
    ] as const) {
      expect(one('senior_fee_waiver', child, [category], IN_FORCE).verdict).toBe('likely');
    }
    expect(one('senior_fee_waiver', child, ['extreme_poverty_support'], IN_FORCE).verdict).toBe('unlikely');
    expect(one('senior_fee_waiver', child, [], IN_FORCE).verdict).toBe('unlikely');
  });
});

describe('vocational (county)', () => {
  it('free tuition, accommodation and textbooks for vocational students', () => {
    const result = one('vocational_fee_waiver', { stage: 'vocational_secondary' }, [], IN_FORCE);
    expect(result.verdict).toBe('likely');
    const value = singleValue(result);
    expect(value?.kind === 'in_kind' ? value.items.map((item) => item['zh-CN']) : []).toEqual([
      '免除学费',
      '免除住宿费',
      '免除教材费',
    ]);
  });
  it('grant 2000 for years 1–2 only: agriculture majors and families with difficulty', () => {
    const child = (grade: number, agriculturalMajor?: boolean) => ({
      stage: 'vocational_secondary' as const,
      grade,
      agriculturalMajor,
    });
    expect(yearlyYuan(singleValue(one('vocational_national_grant', child(1, true), [], IN_FORCE)))).toBe(
      2000,
    );
    expect(
      one('vocational_national_grant', child(2, false), ['subsistence_allowance'], IN_FORCE).verdict,
    ).toBe('likely');
    expect(one('vocational_national_grant', child(2, false), [], IN_FORCE).verdict).toBe('needs_check');
    expect(one('vocational_national_grant', child(3, true), ['poverty_alleviated'], IN_FORCE).verdict).toBe(
      'unlikely',
    );
  });
});

describe('university (county)', () => {
  it('loans ≤ 8000 undergraduate, ≤ 12000 postgraduate', () => {
    expect(
      yearlyYuan(singleValue(one('student_loan', { stage: 'undergraduate' }, ['orphan'], IN_FORCE))),
    ).toBe(8000);
    expect(
      yearlyYuan(singleValue(one('student_loan', { stage: 'postgraduate' }, ['orphan'], IN_FORCE))),
    ).toBe(12000);
  });
  it('建档立卡 students at out-of-province or ministry universities: tuition at the actual fee', () => {
    const likely = one(
      'poverty_alleviated_university_tuition',
      { stage: 'undergraduate', outOfProvinceOrCentralUniversity: true },
      ['poverty_alleviated'],
      IN_FORCE,
    );
    expect(likely.verdict).toBe('likely');
    expect(singleValue(likely)?.kind).toBe('actual_cost');
    expect(
      one(
        'poverty_alleviated_university_tuition',
        { stage: 'undergraduate', outOfProvinceOrCentralUniversity: false },
        ['poverty_alleviated'],
        IN_FORCE,
      ).verdict,
    ).toBe('unlikely');
    expect(
      one(
        'poverty_alleviated_university_tuition',
        { stage: 'undergraduate', outOfProvinceOrCentralUniversity: true },
        ['orphan'],
        IN_FORCE,
      ).verdict,
    ).toBe('unlikely');
    expect(
      one(
        'poverty_alleviated_university_tuition',
        { stage: 'undergraduate' },
        ['poverty_alleviated'],
        IN_FORCE,
      ).missingInfo,
    ).toEqual([{ field: 'outOfProvinceOrCentralUniversity', affects: 'verdict' }]);
  });
});
