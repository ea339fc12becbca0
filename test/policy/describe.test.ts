import { describe, expect, it } from 'vitest';
import en from '../../locales/en.json' with { type: 'json' };
import zhCN from '../../locales/zh-CN.json' with { type: 'json' };
import zhTW from '../../locales/zh-TW.json' with { type: 'json' };
import { flattenMessages } from '../../src/i18n/flatten-messages.js';
import { LOCALES } from '../../src/i18n/index.js';
import { CATEGORY_IDS, STAGE_IDS } from '../../src/policy/catalog-schema.js';
import { listCatalogs } from '../../src/policy/catalogs/index.js';
import { evaluateEligibility } from '../../src/policy/eligibility.js';
import { describeEligibility } from '../../src/policy/render/describe-eligibility.js';
import { formatAmount } from '../../src/policy/render/format-amount.js';
import { safeHotline } from '../../src/policy/render/hotline.js';
import { catalogById, evaluateOne, profileOf } from './helpers.js';

const HOTLINE = '0371-12345678';

describe('locale files: policy keys', () => {
  it('every policy key exists in all three locales', () => {
    const keys = (tree: { policy?: object }) => [...flattenMessages(tree.policy ?? {}).keys()].sort();
    expect(keys(zhCN).length).toBeGreaterThan(100);
    expect(keys(zhTW)).toEqual(keys(zhCN));
    expect(keys(en)).toEqual(keys(zhCN));
  });
  it('uses respectful wording: 脱贫家庭学生(原建档立卡), never a bare 建档立卡 label', () => {
    expect(zhCN.policy.category.poverty_alleviated).toBe('脱贫家庭学生（原建档立卡）');
    expect(JSON.stringify(zhCN.policy)).not.toMatch(/比困|贫困生/);
  });
});

describe('describeEligibility', () => {
  const render = (catalogId: string, asOf: string, locale: (typeof LOCALES)[number], hotline?: string) =>
    describeEligibility(
      evaluateEligibility(
        catalogById(catalogId),
        profileOf({ stage: 'junior_secondary' }, ['poverty_alleviated']),
        asOf,
      ),
      locale,
      hotline === undefined ? {} : { hotline },
    );

  it('gives short sentences with amounts in 元/年, the anti-fraud line and the hotline on every result', () => {
    const described = render('cn-national', '2024-05-01', 'zh-CN', HOTLINE);
    expect(described).toHaveLength(10);
    for (const programme of described) {
      expect(programme.text).toContain('资助不收取任何费用');
      expect(programme.text).toContain(`咨询电话：${HOTLINE}`);
    }
    const living = described.find((programme) => programme.programmeId === 'compulsory_living_subsidy');
    expect(living?.lines).toContain('初中寄宿生：每年1500元');
    expect(living?.lines).toContain('初中非寄宿生：每年750元');
    expect(living?.lines).toContain('具体金额取决于：是否住校。');
  });

  it('never shows 12309, even when misconfigured', () => {
    for (const locale of LOCALES) {
      for (const programme of render('cn-national', '2025-10-01', locale, '12309')) {
        expect(programme.text).not.toContain('12309');
        expect(programme.text.length).toBeGreaterThan(0);
      }
    }
    expect(safeHotline('12309')).toBeUndefined();
    expect(safeHotline(' 123-09 ')).toBeUndefined();
    expect(safeHotline(HOTLINE)).toBe(HOTLINE);
  });

  it('asks to confirm locally when a figure is secondary', () => {
    const loan = evaluateOne('cn-national', 'student_loan', { stage: 'undergraduate' }, ['orphan']);
    const [text] = describeEligibility(
      { catalogId: 'cn-national', catalogVersion: 'x', asOf: '2025-10-01', programmes: [loan] },
      'zh-CN',
      { hotline: HOTLINE },
    ).map((programme) => programme.text);
    expect(text).toContain('每年最高20000元');
    expect(text).toContain('请以当地资助中心公布为准');
    expect(text).toContain('宽限期为5年');
  });

  it('says when no value is in force and quotes the latest known figure with its dates', () => {
    const described = describeEligibility(
      evaluateEligibility(
        catalogById('demo-county'),
        profileOf({ stage: 'primary', boarding: true }, ['orphan']),
        '2024-05-01',
      ),
      'zh-CN',
      { verdicts: ['needs_check'] },
    );
    const living = described.find((programme) => programme.programmeId === 'compulsory_living_subsidy');
    expect(living?.text).toContain('2024年5月1日没有正在执行的标准');
    expect(living?.text).toContain(
      '已知标准（2016年9月1日至2021年8月31日）：每年1000元；受助名额约占在校寄宿生的30%',
    );
    expect(living?.text).toContain('咨询：班主任或县学生资助管理中心');
  });

  it('renders every reason and label in every locale without leaking message keys', () => {
    const stages = STAGE_IDS;
    for (const catalog of listCatalogs()) {
      for (const stage of stages) {
        for (const category of [...CATEGORY_IDS, undefined]) {
          const result = evaluateEligibility(
            catalog,
            profileOf({ stage }, category ? [category] : []),
            '2025-10-01',
          );
          for (const locale of LOCALES) {
            for (const programme of describeEligibility(result, locale, {
              hotline: HOTLINE,
              includeCitations: true,
              maxReasons: 20,
            })) {
              expect(programme.text).not.toMatch(/policy\.[a-z]/);
              expect(programme.text).not.toMatch(/\{\w+\}/);
            }
          }
        }
      }
    }
  });

  it('renders English reasons in English', () => {
    const result = evaluateOne('cn-national', 'nutrition_meal', { stage: 'primary', residence: 'urban' });
    const [text] = describeEligibility(
      { catalogId: 'cn-national', catalogVersion: 'x', asOf: '2025-10-01', programmes: [result] },
      'en',
      {
        hotline: HOTLINE,
      },
    ).map((programme) => programme.text);
    expect(text).toContain('Probably not eligible');
    expect(text).toContain('Does not meet: family lives in a rural (including county towns) area');
    expect(text).toContain('Student aid never costs anything');
  });
});

describe('formatAmount', () => {
  it('formats every kind of amount', () => {
    expect(
      formatAmount({ kind: 'money', amount: 1250, unit: 'yuan_per_year', basis: 'exact' }, 'zh-CN'),
    ).toBe('每年1250元');
    expect(formatAmount({ kind: 'money', amount: 625, unit: 'yuan_per_term', basis: 'exact' }, 'zh-CN')).toBe(
      '每学期625元',
    );
    expect(
      formatAmount({ kind: 'money', amount: 20000, unit: 'yuan_per_year', basis: 'maximum' }, 'en'),
    ).toBe('up to 20,000 yuan a year');
    expect(formatAmount({ kind: 'daily', yuanPerDay: 5, days: 200, paidAs: 'meals' }, 'zh-CN')).toBe(
      '每天5元，按200天计（每年约1000元）；以学校供餐形式提供，不发现金',
    );
    expect(
      formatAmount(
        { kind: 'tiers', unit: 'yuan_per_year', average: 2000, tiers: [1500, 2000, 2500] },
        'zh-TW',
      ),
    ).toBe('平均每年2000元；分3檔：1500/2000/2500元');
    expect(formatAmount({ kind: 'set_locally' }, 'en')).toBe('the amount is set locally');
    expect(
      formatAmount(
        {
          kind: 'actual_cost',
          covers: { 'zh-CN': '实际缴纳的学费', 'zh-TW': '實際繳納的學費', en: 'the tuition actually paid' },
        },
        'zh-CN',
      ),
    ).toBe('按实际缴纳的学费给予补助');
  });
});
