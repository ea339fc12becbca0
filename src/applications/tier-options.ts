import type { Locale } from '../i18n/index.js';
import type { Catalog, DatedValue, Programme, SimpleAmount } from '../policy/index.js';

/** One 档次 the school may assign: a stable id, its label and the yearly amount in yuan. */
export interface TierOption {
  id: string;
  label: string;
  amount: number;
}

/** The value of a dated rule on a day (YYYY-MM-DD), or undefined when none is in force. */
function valueOn(values: readonly DatedValue[], day: string): DatedValue | undefined {
  return values.find(
    (value) => value.effectiveFrom <= day && (value.effectiveTo === undefined || day <= value.effectiveTo),
  );
}

function yearly(amount: number, unit: 'yuan_per_year' | 'yuan_per_term'): number {
  return unit === 'yuan_per_term' ? amount * 2 : amount;
}

/**
 * The 档次 of a programme on a day, from the catalogue: each tier of a tiered standard (一档 the highest), and each
 * fixed yearly amount of a rule (e.g. 寄宿生 1500, 非寄宿 750). Daily, in-kind and locally set standards give no
 * option: those are not paid as an amount the school chooses.
 */
export function tierOptions(
  catalog: Catalog,
  programmeId: string,
  day: string,
  locale: Locale,
): TierOption[] {
  const programme: Programme | undefined = catalog.programmes.find((item) => item.id === programmeId);
  if (!programme) return [];
  const options: TierOption[] = [];
  const add = (rule: Programme['amounts'][number], amount: SimpleAmount) => {
    if (amount.kind === 'money') {
      options.push({
        id: `${rule.id}:${amount.amount}`,
        label: rule.label[locale],
        amount: yearly(amount.amount, amount.unit),
      });
    }
    if (amount.kind === 'tiers') {
      const sorted = [...amount.tiers].sort((a, b) => b - a);
      sorted.forEach((value, index) => {
        options.push({
          id: `${rule.id}:tier_${index + 1}`,
          label: `${rule.label[locale]} · ${TIER_NAMES[locale](index + 1)}`,
          amount: yearly(value, amount.unit),
        });
      });
    }
  };
  for (const rule of programme.amounts) {
    const dated = valueOn(rule.values, day);
    if (!dated) continue;
    if (dated.value.kind === 'combined') for (const part of dated.value.parts) add(rule, part);
    else add(rule, dated.value);
  }
  return [...new Map(options.map((option) => [option.id, option])).values()];
}

const CN_NUMBERS = ['一', '二', '三', '四', '五', '六'];
const TIER_NAMES: Record<Locale, (n: number) => string> = {
  'zh-CN': (n) => `${CN_NUMBERS[n - 1] ?? n}档`,
  'zh-TW': (n) => `${CN_NUMBERS[n - 1] ?? n}檔`,
  en: (n) => `tier ${n}`,
};
