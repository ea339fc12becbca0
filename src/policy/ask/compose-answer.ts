import { type Locale, t } from '../../i18n/index.js';
import type { AmountValue, Catalog, LocalizedText, Programme } from '../catalog-schema.js';
import { formatDatedValue, formatPeriod } from '../render/format-amount.js';
import { safeHotline } from '../render/hotline.js';
import { joinClauses, joinList, pick } from '../render/localize.js';
import type { AskCitation, AskFigure } from './ask-types.js';
import type { QuestionFacts } from './extract-facts.js';
import type { FaqEntry } from './knowledge-base.js';
import type { FigureChoice, FigureSelection } from './select-figures.js';

function figureText(figure: FigureChoice, locale: Locale): string {
  return figure.inForce
    ? formatDatedValue(figure.shown, locale)
    : t(locale, 'policy.describe.latestKnown', {
        period: formatPeriod(figure.shown, locale),
        amount: formatDatedValue(figure.shown, locale),
      });
}

function yuanOf(value: AmountValue): number | undefined {
  if (value.kind === 'money') return value.amount;
  if (value.kind === 'tiers') return value.average;
  if (value.kind === 'combined') return value.parts.map(yuanOf).find((yuan) => yuan !== undefined);
  return undefined;
}

export function figureViews(selection: FigureSelection, locale: Locale): AskFigure[] {
  return selection.figures.map((figure) => {
    const yuan = yuanOf(figure.shown.value);
    return {
      label: pick(figure.rule.label, locale),
      text: figureText(figure, locale),
      ...(yuan !== undefined ? { yuan } : {}),
      effectiveFrom: figure.shown.effectiveFrom,
      inForce: figure.inForce,
      verification: figure.shown.verification,
    };
  });
}

/** The facts a parent stated, in their words: 初中、住校、农村. */
export function describeFacts(facts: QuestionFacts, locale: Locale): string {
  const parts: string[] = [];
  if (facts.stage) parts.push(t(locale, `policy.stage.${facts.stage}`));
  if (facts.boarding !== undefined)
    parts.push(t(locale, facts.boarding ? 'ask.fact.boardingYes' : 'ask.fact.boardingNo'));
  if (facts.residence) parts.push(t(locale, `ask.fact.${facts.residence}`));
  for (const category of facts.categories) parts.push(t(locale, `policy.category.${category}`));
  return joinList(parts, locale);
}

/**
 * A programme answer: who it is for, then the figure that applies (and why) when the question's facts decide
 * it, else every figure in force; then how to get it.
 */
export function programmeAnswerLines(
  programme: Programme,
  selection: FigureSelection,
  facts: QuestionFacts,
  locale: Locale,
): string[] {
  const lines = [
    t(locale, 'policy.ask.programmeAnswer', {
      name: pick(programme.name, locale),
      audience: pick(programme.audience, locale),
    }),
  ];
  const { figures } = selection;
  const [only] = figures;
  if (selection.narrowed && only) {
    const stated = describeFacts(facts, locale);
    if (figures.length === 1) {
      lines.push(
        t(locale, 'ask.facts.applies', {
          facts: stated,
          label: pick(only.rule.label, locale),
          amount: figureText(only, locale),
        }),
      );
    } else {
      lines.push(t(locale, 'ask.facts.several', { facts: stated }));
      for (const figure of figures)
        lines.push(
          t(locale, 'policy.describe.amountOption', {
            label: pick(figure.rule.label, locale),
            amount: figureText(figure, locale),
          }),
        );
    }
  } else if (only && figures.length === 1 && programme.amounts.length === 1) {
    lines.push(t(locale, 'policy.describe.amount', { amount: figureText(only, locale) }));
  } else {
    for (const figure of figures)
      lines.push(
        t(locale, 'policy.describe.amountOption', {
          label: pick(figure.rule.label, locale),
          amount: figureText(figure, locale),
        }),
      );
  }
  const unconfirmed =
    programme.terms.some((term) => term.verification !== 'verified') ||
    figures.some((figure) => figure.shown.verification !== 'verified');
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
  if (selection.narrowed)
    lines.push(t(locale, programme.applicationRequired ? 'ask.facts.schoolDecides' : 'ask.facts.checkOther'));
  return lines;
}

/** "How do I apply": when and how, where and whom to ask, what to bring; or that nothing is needed. */
export function applicationLines(programme: Programme, locale: Locale): string[] {
  const name = pick(programme.name, locale);
  const howToApply = pick(programme.howToApply, locale);
  const payment = t(locale, 'ask.apply.payment', { payment: pick(programme.paymentMethod, locale) });
  if (!programme.applicationRequired)
    return [t(locale, 'ask.apply.notNeeded', { name, howToApply }), payment];
  const materials = programme.materials.map((material) => pick(material, locale));
  return [
    t(locale, 'ask.apply.heading', { name }),
    t(locale, 'ask.apply.steps', { howToApply }),
    t(locale, 'ask.apply.where', { contact: pick(programme.contact, locale) }),
    materials.length > 0
      ? t(locale, 'ask.apply.materials', { materials: joinClauses(materials, locale) })
      : t(locale, 'ask.apply.materialsAtSchool'),
    payment,
  ];
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

/** Anti-fraud reminder and where to ask: closes every policy answer. */
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
      ...(document.date ? { date: document.date } : {}),
      ...(clause ? { clause: pick(clause, locale) } : {}),
      verification: document.verification,
    });
  }
  return citations;
}
