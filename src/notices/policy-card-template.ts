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
      const standards = programme.amounts
        .map((rule) =>
          rule.values.find(
            (value) => value.effectiveFrom <= asOf && (!value.effectiveTo || value.effectiveTo >= asOf),
          ),
        )
        .filter((value) => value !== undefined)
        .map((value) => formatDatedValue(value, locale));
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
