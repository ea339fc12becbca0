import type { Locale } from '../i18n/index.js';
import { t } from '../i18n/index.js';
import { type Catalog, formatDatedValue, type StageId } from '../policy/index.js';
import type { ProgrammeRow } from './notice-content.js';

/**
 * The programmes of one school stage as rows of a 资助政策明白卡, taken from the policy catalogue as in force
 * on `asOf` (YYYY-MM-DD). Staff may edit the rows before sending. Pure.
 */
export function policyCardRows(
  catalog: Catalog,
  stage: StageId,
  asOf: string,
  locale: Locale,
): ProgrammeRow[] {
  return catalog.programmes
    .filter((programme) => programme.stages.includes(stage))
    .map((programme) => {
      // Only the amount rules of this stage, each with its label when there are several (寄宿生 / 非寄宿生).
      const rules = programme.amounts.filter((rule) =>
        rule.when.every((condition) => condition.type !== 'stage' || condition.in.includes(stage)),
      );
      const standards = rules.flatMap((rule) => {
        const value = rule.values.find(
          (each) => each.effectiveFrom <= asOf && (!each.effectiveTo || each.effectiveTo >= asOf),
        );
        if (!value) return [];
        const amount = formatDatedValue(value, locale);
        return [rules.length > 1 ? `${rule.label[locale]}${locale === 'en' ? ': ' : '：'}${amount}` : amount];
      });
      const standard = [...new Set(standards)].join(locale === 'en' ? '; ' : '；').slice(0, 500);
      return {
        programmeId: programme.id,
        name: programme.name[locale],
        target: programme.audience[locale].slice(0, 4000),
        standard: standard || t(locale, 'notices.template.standard_local'),
        application: programme.applicationRequired ? ('required' as const) : ('not_required' as const),
        payment: programme.paymentMethod[locale].slice(0, 500),
      };
    });
}
