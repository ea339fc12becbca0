import { type Locale, t } from '../../i18n/index.js';
import type { Catalog, LocalizedText, Programme } from '../catalog-schema.js';
import { latestKnownValue, valueInForce } from '../eligibility/dated-value.js';
import { formatDatedValue, formatPeriod } from '../render/format-amount.js';
import { safeHotline } from '../render/hotline.js';
import { joinClauses, pick } from '../render/localize.js';
import type { AskCitation } from './ask-types.js';
import type { FaqEntry } from './knowledge-base.js';

/** A programme answer: who it is for, the figures in force, how to get it. */
export function programmeAnswerLines(programme: Programme, dateKey: string, locale: Locale): string[] {
  const lines = [
    t(locale, 'policy.ask.programmeAnswer', {
      name: pick(programme.name, locale),
      audience: pick(programme.audience, locale),
    }),
  ];
  let unconfirmed = programme.terms.some((term) => term.verification !== 'verified');
  const several = programme.amounts.length > 1;
  for (const rule of programme.amounts) {
    const inForce = valueInForce(rule.values, dateKey);
    const shown = inForce ?? latestKnownValue(rule.values, dateKey);
    if (!shown) continue;
    if (shown.verification !== 'verified') unconfirmed = true;
    const amount = inForce
      ? formatDatedValue(inForce, locale)
      : t(locale, 'policy.describe.latestKnown', {
          period: formatPeriod(shown, locale),
          amount: formatDatedValue(shown, locale),
        });
    lines.push(
      several
        ? t(locale, 'policy.describe.amountOption', { label: pick(rule.label, locale), amount })
        : t(locale, 'policy.describe.amount', { amount }),
    );
  }
  if (unconfirmed) lines.push(t(locale, 'policy.describe.confirmLocally'));
  lines.push(
    programme.applicationRequired
      ? t(locale, 'policy.describe.application', { howToApply: pick(programme.howToApply, locale) })
      : t(locale, 'policy.describe.noApplication'),
  );
  if (programme.terms.length > 0) {
    const terms = joinClauses(
      programme.terms.map((term) => pick(term.text, locale)),
      locale,
    );
    lines.push(t(locale, 'policy.describe.terms', { terms }));
  }
  return lines;
}

export function faqAnswerLines(entry: FaqEntry, catalog: Catalog, locale: Locale): string[] {
  const lines = [pick(entry.answer, locale)];
  const related = entry.programmeIds
    .map((id) => catalog.programmes.find((programme) => programme.id === id))
    .filter((programme) => programme !== undefined)
    .map((programme) => pick(programme.name, locale));
  if (related.length > 0)
    lines.push(
      t(locale, 'policy.ask.related', { names: related.join(t(locale, 'policy.describe.listSeparator')) }),
    );
  return lines;
}

/** Anti-fraud reminder and where to ask: closes every answer. */
export function closingLines(
  locale: Locale,
  hotline: string | undefined,
  contact: LocalizedText | undefined,
): string[] {
  const number = safeHotline(hotline);
  let contactLine: string;
  if (contact) {
    const where = pick(contact, locale);
    contactLine = number
      ? t(locale, 'policy.describe.hotline', { hotline: number, contact: where })
      : t(locale, 'policy.describe.contactOnly', { contact: where });
  } else {
    contactLine = number
      ? t(locale, 'policy.ask.suggestContact', { hotline: number })
      : t(locale, 'policy.ask.suggestContactNoHotline');
  }
  return [t(locale, 'policy.describe.antiFraud'), contactLine];
}

export function citationsFor(
  catalog: Catalog,
  documentIds: Iterable<string>,
  locale: Locale,
  clauses?: Map<string, LocalizedText>,
): AskCitation[] {
  const citations: AskCitation[] = [];
  const seen = new Set<string>();
  for (const documentId of documentIds) {
    if (seen.has(documentId)) continue;
    seen.add(documentId);
    const document = catalog.documents.find((candidate) => candidate.id === documentId);
    if (!document) continue;
    const clause = clauses?.get(documentId);
    citations.push({
      documentId,
      title: pick(document.title, locale),
      ...(document.number ? { number: document.number } : {}),
      issuer: pick(document.issuer, locale),
      ...(clause ? { clause: pick(clause, locale) } : {}),
      verification: document.verification,
    });
  }
  return citations;
}
