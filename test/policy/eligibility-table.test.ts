import { describe, expect, it } from 'vitest';
import type { CategoryId } from '../../src/policy/catalog-schema.js';
import type { ChildProfile, Verdict } from '../../src/policy/eligibility.js';
import { evaluateOne, singleValue, yearlyYuan } from './helpers.js';

/** Expected verdict and, when a single yearly figure applies, yuan per year (written from the reference). */
type Expectation = [programmeId: string, verdict: Verdict, yuanPerYear?: number];
type Row = [
  label: string,
  catalog: string,
  asOf: string,
  child: ChildProfile,
  categories: CategoryId[],
  expect: Expectation[],
];

const N = 'cn-national';
const C = 'demo-county';

const ROWS: Row[] = [
  [
    'rural primary boarder, 脱贫, 2024 autumn',
    N,
    '2024-10-01',
    { stage: 'primary', boarding: true, residence: 'rural', nutritionPilotArea: true },
    ['poverty_alleviated'],
    [
      ['compulsory_living_subsidy', 'likely', 1250],
      ['nutrition_meal', 'likely', 1000],
      ['compulsory_free_tuition_textbooks', 'likely'],
      ['senior_national_grant', 'unlikely'],
    ],
  ],
  [
    'rural primary boarder, 脱贫, 2023 autumn',
    N,
    '2023-10-01',
    { stage: 'primary', boarding: true },
    ['poverty_alleviated'],
    [['compulsory_living_subsidy', 'likely', 1000]],
  ],
  [
    'junior boarder, 低保, 2024',
    N,
    '2024-06-01',
    { stage: 'junior_secondary', boarding: true },
    ['subsistence_allowance'],
    [['compulsory_living_subsidy', 'likely', 1500]],
  ],
  [
    'junior boarder, 低保, 2023',
    N,
    '2023-06-01',
    { stage: 'junior_secondary', boarding: true },
    ['subsistence_allowance'],
    [['compulsory_living_subsidy', 'likely', 1250]],
  ],
  [
    'junior day student, rural 低保, 2024',
    N,
    '2024-06-01',
    { stage: 'junior_secondary', boarding: false, residence: 'rural' },
    ['subsistence_allowance'],
    [['compulsory_living_subsidy', 'likely', 750]],
  ],
  [
    'primary day student, rural 特困, 2022',
    N,
    '2022-06-01',
    { stage: 'primary', boarding: false, residence: 'rural' },
    ['extreme_poverty_support'],
    [['compulsory_living_subsidy', 'likely', 500]],
  ],
  [
    'primary day student, urban 低保',
    N,
    '2024-06-01',
    { stage: 'primary', boarding: false, residence: 'urban' },
    ['subsistence_allowance'],
    [['compulsory_living_subsidy', 'unlikely']],
  ],
  [
    'primary day student, orphan',
    N,
    '2024-06-01',
    { stage: 'primary', boarding: false },
    ['orphan'],
    [['compulsory_living_subsidy', 'unlikely']],
  ],
  [
    'primary boarder, orphan',
    N,
    '2024-06-01',
    { stage: 'primary', boarding: true },
    ['orphan'],
    [['compulsory_living_subsidy', 'likely', 1250]],
  ],
  [
    'primary boarder, no category',
    N,
    '2024-06-01',
    { stage: 'primary', boarding: true },
    [],
    [['compulsory_living_subsidy', 'needs_check', 1250]],
  ],
  [
    'primary boarder, 事实无人抚养',
    N,
    '2024-06-01',
    { stage: 'primary', boarding: true },
    ['de_facto_unsupported'],
    [['compulsory_living_subsidy', 'likely', 1250]],
  ],
  [
    'junior day student, 脱贫, 2021',
    N,
    '2021-10-01',
    { stage: 'junior_secondary', boarding: false },
    ['poverty_alleviated'],
    [['compulsory_living_subsidy', 'likely', 625]],
  ],
  [
    'urban junior, nutrition not applicable',
    N,
    '2024-06-01',
    { stage: 'junior_secondary', residence: 'urban', nutritionPilotArea: true },
    [],
    [['nutrition_meal', 'unlikely']],
  ],
  [
    'rural pupil in pilot area, spring 2021',
    N,
    '2021-05-01',
    { stage: 'primary', residence: 'rural', nutritionPilotArea: true },
    [],
    [['nutrition_meal', 'likely', 800]],
  ],
  [
    'rural pupil outside pilot areas',
    N,
    '2024-05-01',
    { stage: 'primary', residence: 'rural', nutritionPilotArea: false },
    [],
    [['nutrition_meal', 'unlikely']],
  ],
  [
    '大班 at public kindergarten, autumn 2025',
    N,
    '2025-10-01',
    { stage: 'preschool', finalPreschoolYear: true, schoolOwnership: 'public', inclusiveKindergarten: true },
    [],
    [
      ['preschool_fee_waiver', 'likely'],
      ['preschool_aid', 'needs_check'],
    ],
  ],
  [
    '大班 at public kindergarten, spring 2025',
    N,
    '2025-04-01',
    { stage: 'preschool', finalPreschoolYear: true, schoolOwnership: 'public' },
    [],
    [['preschool_fee_waiver', 'unlikely']],
  ],
  [
    '中班 child, autumn 2025',
    N,
    '2025-10-01',
    { stage: 'preschool', finalPreschoolYear: false },
    [],
    [['preschool_fee_waiver', 'unlikely']],
  ],
  [
    'kindergarten orphan at inclusive kindergarten',
    N,
    '2024-10-01',
    { stage: 'preschool', inclusiveKindergarten: true },
    ['orphan'],
    [['preschool_aid', 'likely']],
  ],
  [
    'kindergarten child at non-inclusive private kindergarten',
    N,
    '2024-10-01',
    { stage: 'preschool', inclusiveKindergarten: false },
    ['subsistence_allowance'],
    [['preschool_aid', 'unlikely']],
  ],
  [
    'senior student, 脱贫, 2024',
    N,
    '2024-10-01',
    { stage: 'senior_secondary' },
    ['poverty_alleviated'],
    [
      ['senior_national_grant', 'likely', 2000],
      ['senior_fee_waiver', 'likely'],
    ],
  ],
  [
    'senior student, 脱贫, 2025',
    N,
    '2025-10-01',
    { stage: 'senior_secondary' },
    ['poverty_alleviated'],
    [
      ['senior_national_grant', 'likely', 2300],
      ['senior_fee_waiver', 'likely'],
    ],
  ],
  [
    'senior student, urban 低保',
    N,
    '2025-10-01',
    { stage: 'senior_secondary', residence: 'urban' },
    ['subsistence_allowance'],
    [
      ['senior_national_grant', 'likely', 2300],
      ['senior_fee_waiver', 'unlikely'],
    ],
  ],
  [
    'senior student, rural 特困',
    N,
    '2025-10-01',
    { stage: 'senior_secondary', residence: 'rural' },
    ['extreme_poverty_support'],
    [['senior_fee_waiver', 'likely']],
  ],
  [
    'senior student, illness in family',
    N,
    '2025-10-01',
    { stage: 'senior_secondary' },
    ['other_hardship'],
    [
      ['senior_national_grant', 'needs_check', 2300],
      ['senior_fee_waiver', 'unlikely'],
    ],
  ],
  [
    'vocational year 1, rural, public',
    N,
    '2024-10-01',
    { stage: 'vocational_secondary', grade: 1, residence: 'rural', schoolOwnership: 'public' },
    [],
    [
      ['vocational_fee_waiver', 'likely'],
      ['vocational_national_grant', 'needs_check', 2000],
    ],
  ],
  [
    'vocational year 3, 低保, 2024',
    N,
    '2024-10-01',
    { stage: 'vocational_secondary', grade: 3, schoolOwnership: 'public' },
    ['subsistence_allowance'],
    [
      ['vocational_fee_waiver', 'likely'],
      ['vocational_national_grant', 'unlikely'],
    ],
  ],
  [
    'vocational year 3, 低保, 2025',
    N,
    '2025-10-01',
    { stage: 'vocational_secondary', grade: 3, schoolOwnership: 'public' },
    ['subsistence_allowance'],
    [['vocational_national_grant', 'likely', 2300]],
  ],
  [
    'vocational, urban agriculture major',
    N,
    '2025-10-01',
    {
      stage: 'vocational_secondary',
      grade: 2,
      residence: 'urban',
      agriculturalMajor: true,
      schoolOwnership: 'public',
    },
    [],
    [['vocational_fee_waiver', 'likely']],
  ],
  [
    'vocational, urban performing arts',
    N,
    '2025-10-01',
    {
      stage: 'vocational_secondary',
      residence: 'urban',
      performingArtsMajor: true,
      schoolOwnership: 'public',
    },
    ['poverty_alleviated'],
    [
      ['vocational_fee_waiver', 'unlikely'],
      ['vocational_national_grant', 'likely', 2300],
    ],
  ],
  [
    'undergraduate, 2022',
    N,
    '2022-10-01',
    { stage: 'undergraduate' },
    ['poverty_alleviated'],
    [['student_loan', 'likely', 12000]],
  ],
  [
    'postgraduate, 2023 autumn',
    N,
    '2023-10-01',
    { stage: 'postgraduate' },
    ['subsistence_allowance'],
    [['student_loan', 'likely', 20000]],
  ],
  [
    'postgraduate, 2025',
    N,
    '2025-10-01',
    { stage: 'postgraduate' },
    ['subsistence_allowance'],
    [['student_loan', 'likely', 25000]],
  ],
  [
    'undergraduate without category, 2025',
    N,
    '2025-10-01',
    { stage: 'undergraduate' },
    [],
    [
      ['student_loan', 'needs_check', 20000],
      ['senior_national_grant', 'unlikely'],
    ],
  ],
  [
    'county: kindergarten 建档立卡',
    C,
    '2018-10-01',
    { stage: 'preschool', inclusiveKindergarten: true },
    ['poverty_alleviated'],
    [['preschool_aid', 'likely', 1400]],
  ],
  [
    'county: primary boarder 单亲',
    C,
    '2018-10-01',
    { stage: 'primary', boarding: true },
    ['single_parent'],
    [['compulsory_living_subsidy', 'likely', 1000]],
  ],
  [
    'county: junior day 建档立卡',
    C,
    '2018-10-01',
    { stage: 'junior_secondary', boarding: false },
    ['poverty_alleviated'],
    [['compulsory_living_subsidy', 'likely', 1250]],
  ],
  [
    'county: primary day 父母一方亡故',
    C,
    '2018-10-01',
    { stage: 'primary', boarding: false },
    ['parent_deceased'],
    [['compulsory_living_subsidy', 'likely', 500]],
  ],
  [
    'county: rural orphan pupil meal subsidy',
    C,
    '2018-10-01',
    { stage: 'primary', residence: 'rural' },
    ['orphan'],
    [['nutrition_meal', 'likely', 3650]],
  ],
  [
    'county: senior 建档立卡',
    C,
    '2018-10-01',
    { stage: 'senior_secondary' },
    ['poverty_alleviated'],
    [
      ['senior_national_grant', 'likely', 2500],
      ['senior_fee_waiver', 'likely'],
    ],
  ],
  [
    'county: senior 低保',
    C,
    '2018-10-01',
    { stage: 'senior_secondary' },
    ['subsistence_allowance'],
    [
      ['senior_national_grant', 'likely', 2000],
      ['senior_fee_waiver', 'likely'],
    ],
  ],
  [
    'county: vocational year 2 agriculture',
    C,
    '2018-10-01',
    { stage: 'vocational_secondary', grade: 2, agriculturalMajor: true },
    [],
    [
      ['vocational_national_grant', 'likely', 2000],
      ['vocational_fee_waiver', 'likely'],
    ],
  ],
  [
    'county: undergraduate 建档立卡 out of province',
    C,
    '2018-10-01',
    { stage: 'undergraduate', outOfProvinceOrCentralUniversity: true },
    ['poverty_alleviated'],
    [
      ['student_loan', 'likely', 8000],
      ['poverty_alleviated_university_tuition', 'likely'],
    ],
  ],
  [
    'county: figures asked for 2024',
    C,
    '2024-10-01',
    { stage: 'primary', boarding: true },
    ['orphan'],
    [['compulsory_living_subsidy', 'needs_check']],
  ],
];

describe('table of profiles (from the aid standards reference)', () => {
  it('has at least 40 profiles', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(ROWS)('%s', (_label, catalogId, asOf, child, categories, expectations) => {
    for (const [programmeId, verdict, yuanPerYear] of expectations) {
      const result = evaluateOne(catalogId, programmeId, child, categories, asOf);
      expect({ programmeId, verdict: result.verdict }).toEqual({ programmeId, verdict });
      if (yuanPerYear !== undefined) {
        expect({ programmeId, yuanPerYear: yearlyYuan(singleValue(result)) }).toEqual({
          programmeId,
          yuanPerYear,
        });
      }
    }
  });
});
