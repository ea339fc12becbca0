import { type Locale, t } from '../../i18n/index.js';
import type { AmountValue, DatedValue, SimpleAmount } from '../catalog-schema.js';
import { formatDate, joinClauses, joinList, pick } from './localize.js';

const GROUPED = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

/** Chinese writes 1250元; English readers expect 1,250. */
export function formatYuan(amount: number, locale: Locale): string {
  return locale === 'en' ? GROUPED.format(amount) : String(amount);
}

function formatSimple(value: SimpleAmount, locale: Locale): string {
  switch (value.kind) {
    case 'money':
      return t(locale, `policy.amount.${value.basis}.${value.unit}`, {
        amount: formatYuan(value.amount, locale),
      });
    case 'daily': {
      const perDay = formatYuan(value.yuanPerDay, locale);
      const base =
        value.days === undefined
          ? t(locale, 'policy.amount.daily', { perDay })
          : t(locale, 'policy.amount.dailyWithDays', {
              perDay,
              days: value.days,
              total: formatYuan(value.yuanPerDay * value.days, locale),
            });
      if (value.paidAs === 'meals')
        return joinClauses([base, t(locale, 'policy.amount.paidAsMeals')], locale);
      if (value.paidAs === 'cash') return joinClauses([base, t(locale, 'policy.amount.paidAsCash')], locale);
      return base;
    }
    case 'tiers': {
      const parts: string[] = [];
      if (value.average !== undefined) {
        parts.push(
          t(locale, `policy.amount.average.${value.unit}`, { amount: formatYuan(value.average, locale) }),
        );
      }
      if (value.tiers.length > 0) {
        const tiers = value.tiers
          .map((tier) => formatYuan(tier, locale))
          .join(t(locale, 'policy.amount.tierSeparator'));
        parts.push(t(locale, 'policy.amount.tiers', { count: value.tiers.length, tiers }));
      }
      if (value.note) parts.push(pick(value.note, locale));
      return joinClauses(parts, locale);
    }
    case 'set_locally':
      return joinClauses(
        value.note
          ? [t(locale, 'policy.amount.setLocally'), pick(value.note, locale)]
          : [t(locale, 'policy.amount.setLocally')],
        locale,
      );
    case 'in_kind':
      return joinList(
        value.items.map((item) => pick(item, locale)),
        locale,
      );
    case 'actual_cost':
      return t(locale, 'policy.amount.actualCost', { covers: pick(value.covers, locale) });
  }
}

/** One short phrase such as "每年1250元" or "免除学杂费、免费提供教科书". */
export function formatAmount(value: AmountValue, locale: Locale): string {
  if (value.kind === 'combined') {
    return joinClauses(
      value.parts.map((part) => formatSimple(part, locale)),
      locale,
    );
  }
  return formatSimple(value, locale);
}

/** The amount plus how many students get it, when the catalogue says. */
export function formatDatedValue(dated: DatedValue, locale: Locale): string {
  const amount = formatAmount(dated.value, locale);
  if (!dated.coverage) return amount;
  const coverage = t(locale, 'policy.amount.coverage', {
    percent: dated.coverage.percent,
    of: pick(dated.coverage.of, locale),
  });
  return joinClauses([amount, coverage], locale);
}

export function formatPeriod(dated: DatedValue, locale: Locale): string {
  const from = formatDate(dated.effectiveFrom, locale);
  if (dated.effectiveTo === undefined) return t(locale, 'policy.describe.periodSince', { from });
  return t(locale, 'policy.describe.periodRange', { from, to: formatDate(dated.effectiveTo, locale) });
}
