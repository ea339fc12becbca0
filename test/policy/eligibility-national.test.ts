import { describe, expect, it } from 'vitest';
import { evaluateEligibility } from '../../src/policy/eligibility.js';
import { catalogById, evaluateOne, profileOf, singleValue, yearlyYuan } from './helpers.js';

const NATIONAL = 'cn-national';
const one = (
  programmeId: string,
  ...rest: Parameters<typeof evaluateOne> extends [string, string, ...infer R] ? R : never
) => evaluateOne(NATIONAL, programmeId, ...rest);

describe('cn-national: every programme is evaluated for every profile', () => {
  it('returns one result per programme, stage mismatches are unlikely with a reason', () => {
    const result = evaluateEligibility(catalogById(NATIONAL), profileOf({ stage: 'primary' }), '2025-10-01');
    expect(result.programmes).toHaveLength(10);
    expect(result.asOf).toBe('2025-10-01');
    const loan = result.programmes.find((programme) => programme.programmeId === 'student_loan');
    expect(loan?.verdict).toBe('unlikely');
    expect(loan?.reasons[0]?.key).toBe('policy.reason.stageNotCovered');
    expect(loan?.amounts).toEqual([]);
  });
});

describe('preschool_aid', () => {
  it('is set locally (no national figure) and likely for priority groups at inclusive kindergartens', () => {
    const result = one('preschool_aid', { stage: 'preschool', inclusiveKindergarten: true }, ['orphan']);
    expect(result.verdict).toBe('likely');
    expect(result.routeId).toBe('priority_groups');
    expect(singleValue(result)?.kind).toBe('set_locally');
  });
  it('needs the school determination without a category, and asks about the kindergarten type', () => {
    expect(one('preschool_aid', { stage: 'preschool', inclusiveKindergarten: true }).verdict).toBe(
      'needs_check',
    );
    const unknownType = one('preschool_aid', { stage: 'preschool' }, ['disabled_student']);
    expect(unknownType.verdict).toBe('needs_check');
    expect(unknownType.missingInfo).toEqual([{ field: 'inclusiveKindergarten', affects: 'verdict' }]);
    expect(
      one('preschool_aid', { stage: 'preschool', inclusiveKindergarten: false }, ['orphan']).verdict,
    ).toBe('unlikely');
  });
});

describe('preschool_fee_waiver: from the 2025 autumn term', () => {
  const child = { stage: 'preschool' as const, finalPreschoolYear: true, schoolOwnership: 'public' as const };
  it('does not apply before 2025-09-01, with the start date as the reason', () => {
    const before = one('preschool_fee_waiver', child, [], '2025-08-31');
    expect(before.verdict).toBe('unlikely');
    expect(before.reasons).toContainEqual(
      expect.objectContaining({
        key: 'policy.reason.failed',
        params: { fact: { key: 'policy.fact.periodFrom', params: { date: '2025-09-01' } } },
      }),
    );
  });
  it('waives the fee at public kindergartens from 2025-09-01, every family, no application', () => {
    const after = one('preschool_fee_waiver', child, [], '2025-09-01');
    expect(after.verdict).toBe('likely');
    expect(singleValue(after)?.kind).toBe('in_kind');
    expect(after.applicationRequired).toBe(false);
  });
  it('reduces fees at private kindergartens and shows both when ownership is unknown', () => {
    const privateResult = one('preschool_fee_waiver', { ...child, schoolOwnership: 'private' });
    expect(privateResult.amounts.map((amount) => amount.ruleId)).toEqual(['private_kindergarten']);
    const unknown = one('preschool_fee_waiver', { stage: 'preschool', finalPreschoolYear: true });
    expect(unknown.verdict).toBe('likely');
    expect(unknown.amounts.map((amount) => amount.ruleId)).toEqual([
      'public_kindergarten',
      'private_kindergarten',
    ]);
    expect(unknown.missingInfo).toEqual([{ field: 'schoolOwnership', affects: 'amount' }]);
  });
  it('is only for the final year', () => {
    expect(one('preschool_fee_waiver', { ...child, finalPreschoolYear: false }).verdict).toBe('unlikely');
    expect(one('preschool_fee_waiver', { stage: 'preschool' }).missingInfo[0]?.field).toBe(
      'finalPreschoolYear',
    );
  });
});

describe('compulsory_free_tuition_textbooks', () => {
  it('is likely for every primary and junior secondary student, in kind, without application', () => {
    for (const stage of ['primary', 'junior_secondary'] as const) {
      const result = one('compulsory_free_tuition_textbooks', { stage });
      expect(result.verdict).toBe('likely');
      expect(singleValue(result)?.kind).toBe('in_kind');
      expect(result.applicationRequired).toBe(false);
    }
    expect(one('compulsory_free_tuition_textbooks', { stage: 'senior_secondary' }).verdict).toBe('unlikely');
  });
});

describe('compulsory_living_subsidy', () => {
  const boarder = (stage: 'primary' | 'junior_secondary', asOf: string) =>
    one('compulsory_living_subsidy', { stage, boarding: true }, ['poverty_alleviated'], asOf);
  const day = (stage: 'primary' | 'junior_secondary', asOf: string) =>
    one('compulsory_living_subsidy', { stage, boarding: false }, ['poverty_alleviated'], asOf);

  it('boarders: 1000/1250 before the 2024 spring term, 1250/1500 from it', () => {
    expect(yearlyYuan(singleValue(boarder('primary', '2024-02-29')))).toBe(1000);
    expect(yearlyYuan(singleValue(boarder('junior_secondary', '2024-02-29')))).toBe(1250);
    expect(yearlyYuan(singleValue(boarder('primary', '2024-03-01')))).toBe(1250);
    expect(yearlyYuan(singleValue(boarder('junior_secondary', '2024-03-01')))).toBe(1500);
  });
  it('day students: 500/625 before 2024 spring, 625/750 from it', () => {
    expect(yearlyYuan(singleValue(day('primary', '2023-12-01')))).toBe(500);
    expect(yearlyYuan(singleValue(day('junior_secondary', '2023-12-01')))).toBe(625);
    expect(yearlyYuan(singleValue(day('primary', '2024-03-01')))).toBe(625);
    expect(yearlyYuan(singleValue(day('junior_secondary', '2024-09-01')))).toBe(750);
  });
  it('boarders without a category need the school determination; any priority group is likely', () => {
    expect(one('compulsory_living_subsidy', { stage: 'primary', boarding: true }).verdict).toBe(
      'needs_check',
    );
    expect(
      one('compulsory_living_subsidy', { stage: 'primary', boarding: true }, ['monitored_at_risk']).verdict,
    ).toBe('likely');
    expect(
      one('compulsory_living_subsidy', { stage: 'primary', boarding: true }, ['other_hardship']).verdict,
    ).toBe('needs_check');
  });
  it('day students only in the four listed groups; 低保 and 特困 must be rural', () => {
    const dayChild = (residence?: 'rural' | 'urban') => ({
      stage: 'primary' as const,
      boarding: false,
      residence,
    });
    expect(one('compulsory_living_subsidy', dayChild('rural'), ['subsistence_allowance']).verdict).toBe(
      'likely',
    );
    expect(one('compulsory_living_subsidy', dayChild('urban'), ['subsistence_allowance']).verdict).toBe(
      'unlikely',
    );
    expect(one('compulsory_living_subsidy', dayChild('rural'), ['extreme_poverty_support']).verdict).toBe(
      'likely',
    );
    expect(one('compulsory_living_subsidy', dayChild('urban'), ['extreme_poverty_support']).verdict).toBe(
      'unlikely',
    );
    const unknownResidence = one('compulsory_living_subsidy', dayChild(), ['subsistence_allowance']);
    expect(unknownResidence.verdict).toBe('needs_check');
    expect(unknownResidence.missingInfo).toContainEqual({ field: 'residence', affects: 'verdict' });
    expect(one('compulsory_living_subsidy', dayChild('urban'), ['orphan']).verdict).toBe('unlikely');
    expect(one('compulsory_living_subsidy', dayChild('urban'), []).verdict).toBe('unlikely');
  });
  it('day students with a disability: likely with another hardship category, otherwise needs check', () => {
    const dayChild = { stage: 'junior_secondary' as const, boarding: false };
    expect(one('compulsory_living_subsidy', dayChild, ['disabled_student', 'disabled_parent']).verdict).toBe(
      'likely',
    );
    expect(one('compulsory_living_subsidy', dayChild, ['disabled_student']).verdict).toBe('needs_check');
  });
  it('脱贫 families are likely whether or not the child boards: boarding only changes the amount', () => {
    const result = one(
      'compulsory_living_subsidy',
      { stage: 'junior_secondary' },
      ['poverty_alleviated'],
      '2024-05-01',
    );
    expect(result.verdict).toBe('likely');
    expect(result.missingInfo).toEqual([{ field: 'boarding', affects: 'amount' }]);
    expect(
      result.amounts.map((amount) => [amount.label['zh-CN'], yearlyYuan(amount.inForce?.value)]),
    ).toEqual([
      ['初中寄宿生', 1500],
      ['初中非寄宿生', 750],
    ]);
    expect(result.reasons.some((reason) => reason.key === 'policy.reason.sameEitherWay')).toBe(true);
  });
  it('boarding unknown without a category changes the verdict', () => {
    const result = one('compulsory_living_subsidy', { stage: 'primary' });
    expect(result.verdict).toBe('needs_check');
    expect(result.missingInfo).toContainEqual({ field: 'boarding', affects: 'verdict' });
  });
});

describe('nutrition_meal', () => {
  const pilot = { stage: 'primary' as const, residence: 'rural' as const, nutritionPilotArea: true };
  it('4 yuan a day until 2021-08-31, 5 yuan from the 2021 autumn term, 200 days, as meals', () => {
    const before = singleValue(one('nutrition_meal', pilot, [], '2021-08-31'));
    const after = singleValue(one('nutrition_meal', pilot, [], '2021-09-01'));
    expect(before).toEqual({ kind: 'daily', yuanPerDay: 4, days: 200, paidAs: 'meals' });
    expect(after).toEqual({ kind: 'daily', yuanPerDay: 5, days: 200, paidAs: 'meals' });
  });
  it('requires a rural pupil in a pilot area', () => {
    expect(one('nutrition_meal', pilot).verdict).toBe('likely');
    expect(one('nutrition_meal', { ...pilot, residence: 'urban' }).verdict).toBe('unlikely');
    expect(one('nutrition_meal', { ...pilot, nutritionPilotArea: false }).verdict).toBe('unlikely');
    expect(
      one('nutrition_meal', { stage: 'junior_secondary' }).missingInfo.map((missing) => missing.field),
    ).toEqual(['residence', 'nutritionPilotArea']);
  });
});

describe('senior_national_grant', () => {
  const child = { stage: 'senior_secondary' as const };
  it('average 2000 before the 2025 spring term, 2300 from it (secondary: start date reported)', () => {
    const before = one('senior_national_grant', child, ['subsistence_allowance'], '2025-02-28');
    const after = one('senior_national_grant', child, ['subsistence_allowance'], '2025-03-01');
    expect(yearlyYuan(singleValue(before))).toBe(2000);
    expect(before.amounts[0]?.inForce?.verification).toBe('verified');
    expect(yearlyYuan(singleValue(after))).toBe(2300);
    expect(after.amounts[0]?.inForce?.verification).toBe('secondary');
    expect(after.needsLocalConfirmation).toBe(true);
    expect(singleValue(after)).toMatchObject({ kind: 'tiers', tiers: [] });
  });
  it('likely for priority groups, school determination otherwise', () => {
    expect(one('senior_national_grant', child, ['poverty_alleviated']).verdict).toBe('likely');
    expect(one('senior_national_grant', child, []).verdict).toBe('needs_check');
    expect(one('senior_national_grant', child, ['single_parent']).verdict).toBe('needs_check');
  });
});

describe('senior_fee_waiver', () => {
  it('covers 脱贫 families, disabled students from families with difficulty, rural 低保 and rural 特困', () => {
    const child = (residence?: 'rural' | 'urban') => ({ stage: 'senior_secondary' as const, residence });
    expect(one('senior_fee_waiver', child(), ['poverty_alleviated']).verdict).toBe('likely');
    expect(one('senior_fee_waiver', child(), ['disabled_student', 'subsistence_allowance']).verdict).toBe(
      'likely',
    );
    expect(one('senior_fee_waiver', child('urban'), ['disabled_student']).verdict).toBe('needs_check');
    expect(one('senior_fee_waiver', child('rural'), ['subsistence_allowance']).verdict).toBe('likely');
    expect(one('senior_fee_waiver', child('urban'), ['subsistence_allowance']).verdict).toBe('unlikely');
    expect(one('senior_fee_waiver', child('rural'), ['extreme_poverty_support']).verdict).toBe('likely');
    expect(one('senior_fee_waiver', child('urban'), ['orphan']).verdict).toBe('unlikely');
    expect(singleValue(one('senior_fee_waiver', child(), ['poverty_alleviated']))?.kind).toBe('in_kind');
  });
});

describe('vocational_fee_waiver', () => {
  const base = { stage: 'vocational_secondary' as const, schoolOwnership: 'public' as const };
  it('public schools: rural students, urban agriculture majors and priority groups are likely', () => {
    expect(one('vocational_fee_waiver', { ...base, residence: 'rural' }).verdict).toBe('likely');
    expect(
      one('vocational_fee_waiver', { ...base, residence: 'urban', agriculturalMajor: true }).verdict,
    ).toBe('likely');
    expect(
      one('vocational_fee_waiver', { ...base, residence: 'urban' }, ['subsistence_allowance']).verdict,
    ).toBe('likely');
    expect(
      one('vocational_fee_waiver', { ...base, residence: 'urban', agriculturalMajor: false }).verdict,
    ).toBe('needs_check');
  });
  it('excludes performing-arts majors, part-time students and year 4; assumes the common case when unknown', () => {
    expect(
      one('vocational_fee_waiver', { ...base, residence: 'rural', performingArtsMajor: true }).verdict,
    ).toBe('unlikely');
    expect(one('vocational_fee_waiver', { ...base, residence: 'rural', fullTime: false }).verdict).toBe(
      'unlikely',
    );
    expect(one('vocational_fee_waiver', { ...base, residence: 'rural', grade: 4 }).verdict).toBe('unlikely');
    const assumed = one('vocational_fee_waiver', { ...base, residence: 'rural' });
    expect(assumed.reasons.filter((reason) => reason.outcome === 'assumed')).toHaveLength(3);
  });
  it('private schools need checking and their figure is unverified', () => {
    const result = one('vocational_fee_waiver', {
      stage: 'vocational_secondary',
      schoolOwnership: 'private',
      residence: 'rural',
    });
    expect(result.verdict).toBe('needs_check');
    expect(result.amounts[0]?.inForce?.verification).toBe('unverified');
    expect(result.needsLocalConfirmation).toBe(true);
  });
  it('has applied since the 2012 autumn term', () => {
    const result = one('vocational_fee_waiver', { ...base, residence: 'rural' }, [], '2012-09-01');
    expect(result.amounts[0]?.inForce?.effectiveFrom).toBe('2012-09-01');
    expect(
      one('vocational_fee_waiver', { ...base, residence: 'rural' }, [], '2012-08-31').noValueInForce,
    ).toBe(true);
  });
});

describe('vocational_national_grant: third year added from the 2025 spring term', () => {
  const year = (grade: number | undefined, asOf: string) =>
    one('vocational_national_grant', { stage: 'vocational_secondary', grade }, ['poverty_alleviated'], asOf);
  it('years 1–2 only, 2000 average, before 2025-03-01', () => {
    expect(year(3, '2025-02-28').verdict).toBe('unlikely');
    expect(year(2, '2025-02-28').verdict).toBe('likely');
    expect(yearlyYuan(singleValue(year(1, '2025-02-28')))).toBe(2000);
  });
  it('years 1–3, 2300 average, from 2025-03-01, all marked secondary', () => {
    const third = year(3, '2025-03-01');
    expect(third.verdict).toBe('likely');
    expect(yearlyYuan(singleValue(third))).toBe(2300);
    expect(third.amounts[0]?.inForce?.verification).toBe('secondary');
    expect(third.needsLocalConfirmation).toBe(true);
  });
  it('asks for the year before 2025 but not after', () => {
    expect(year(undefined, '2024-10-01').missingInfo).toEqual([{ field: 'grade', affects: 'verdict' }]);
    expect(year(undefined, '2025-10-01').verdict).toBe('likely');
  });
  it('needs the school determination without a category', () => {
    expect(one('vocational_national_grant', { stage: 'vocational_secondary', grade: 1 }).verdict).toBe(
      'needs_check',
    );
  });
});

describe('student_loan caps by school year', () => {
  const cap = (stage: 'undergraduate' | 'postgraduate', asOf: string) =>
    yearlyYuan(singleValue(one('student_loan', { stage }, ['poverty_alleviated'], asOf)));
  it.each([
    ['2021-06-01', 8000, 12000],
    ['2021-09-01', 12000, 16000],
    ['2022-10-01', 12000, 16000],
    ['2023-08-31', 12000, 16000],
    ['2023-09-01', 16000, 20000],
    ['2024-08-31', 16000, 20000],
    ['2024-09-01', 20000, 25000],
    ['2025-10-01', 20000, 25000],
  ])('on %s: undergraduate ≤ %i, postgraduate ≤ %i', (asOf, undergraduate, postgraduate) => {
    expect(cap('undergraduate', asOf)).toBe(undergraduate);
    expect(cap('postgraduate', asOf)).toBe(postgraduate);
  });
  it('is a maximum, secondary, with the loan terms attached', () => {
    const result = one('student_loan', { stage: 'undergraduate' }, ['orphan']);
    expect(singleValue(result)).toMatchObject({ basis: 'maximum' });
    expect(result.needsLocalConfirmation).toBe(true);
    expect(result.terms.map((term) => term.id)).toEqual([
      'interest_in_school',
      'interest_rate',
      'loan_term',
      'grace_period',
      'one_loan_per_year',
    ]);
    expect(result.terms.find((term) => term.id === 'grace_period')?.text['zh-CN']).toContain('5年');
  });
  it('before 2021 no value is in force: flag plus the earliest known figure', () => {
    const result = one('student_loan', { stage: 'undergraduate' }, ['orphan'], '2020-10-01');
    expect(result.noValueInForce).toBe(true);
    expect(result.verdict).toBe('needs_check');
    expect(result.amounts[0]?.inForce).toBeUndefined();
    expect(result.amounts[0]?.latestKnown).toMatchObject({
      effectiveFrom: '2021-01-01',
      effectiveTo: '2021-08-31',
    });
  });
  it('school determination for students without a category', () => {
    expect(one('student_loan', { stage: 'postgraduate' }).verdict).toBe('needs_check');
  });
});

describe('evaluation date', () => {
  it('reads instants in Beijing time', () => {
    const late = new Date('2024-02-29T17:00:00Z'); // 01:00 on 1 March in Beijing
    const result = evaluateEligibility(
      catalogById(NATIONAL),
      profileOf({ stage: 'primary', boarding: true }, ['orphan']),
      late,
    );
    expect(result.asOf).toBe('2024-03-01');
  });
  it('rejects invalid dates', () => {
    expect(() =>
      evaluateEligibility(catalogById(NATIONAL), profileOf({ stage: 'primary' }), 'not a date'),
    ).toThrow(RangeError);
  });
});
