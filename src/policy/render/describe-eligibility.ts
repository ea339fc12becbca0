import { type Locale, t } from '../../i18n/index.js';
import type { EligibilityResult, ProgrammeEligibility, Verdict } from '../eligibility.js';
import { formatDatedValue, formatPeriod } from './format-amount.js';
import { safeHotline } from './hotline.js';
import { formatDate, joinClauses, joinList, pick, renderMessage } from './localize.js';

export interface DescribeOptions {
  /** The county 资助中心 number configured for this deployment. */
  hotline?: string;
  /** Which verdicts to include; all by default. */
  verdicts?: readonly Verdict[];
  /** Cap on reason sentences per programme (default 3). */
  maxReasons?: number;
  /** Add the policy documents behind each answer. */
  includeCitations?: boolean;
}

export interface DescribedProgramme {
  programmeId: string;
  verdict: Verdict;
  lines: string[];
  text: string;
}

/** Renders evaluation results as short plain sentences for a parent, in one locale. */
export function describeEligibility(
  result: EligibilityResult,
  locale: Locale,
  options: DescribeOptions = {},
): DescribedProgramme[] {
  const wanted = options.verdicts;
  return result.programmes
    .filter((programme) => !wanted || wanted.includes(programme.verdict))
    .map((programme) => describeProgramme(programme, result.asOf, locale, options));
}

export function describeProgramme(
  programme: ProgrammeEligibility,
  asOf: string,
  locale: Locale,
  options: DescribeOptions = {},
): DescribedProgramme {
  const lines: string[] = [
    t(locale, 'policy.describe.heading', {
      name: pick(programme.name, locale),
      verdict: t(locale, `policy.verdict.${programme.verdict}`),
    }),
  ];

  lines.push(...amountLines(programme, asOf, locale));
  if (programme.needsLocalConfirmation) lines.push(t(locale, 'policy.describe.confirmLocally'));

  const reasons = programme.reasons
    .slice(0, options.maxReasons ?? 3)
    .map((reason) => renderMessage(reason, locale));
  if (reasons.length > 0)
    lines.push(t(locale, 'policy.describe.reasons', { reasons: joinClauses(reasons, locale) }));

  const fieldsAffecting = (affects: 'verdict' | 'amount') =>
    programme.missingInfo
      .filter((missing) => missing.affects === affects)
      .map((missing) => t(locale, `policy.field.${missing.field}`));
  const verdictFields = fieldsAffecting('verdict');
  if (verdictFields.length > 0) {
    lines.push(t(locale, 'policy.describe.missingVerdict', { fields: joinList(verdictFields, locale) }));
  }
  const amountFields = fieldsAffecting('amount');
  if (amountFields.length > 0 && programme.verdict !== 'unlikely') {
    lines.push(t(locale, 'policy.describe.missingAmount', { fields: joinList(amountFields, locale) }));
  }

  if (programme.verdict !== 'unlikely') lines.push(...applicationLines(programme, locale));
  if (options.includeCitations) lines.push(citationLine(programme, locale));

  lines.push(t(locale, 'policy.describe.antiFraud'));
  lines.push(contactLine(programme, locale, options.hotline));
  return { programmeId: programme.programmeId, verdict: programme.verdict, lines, text: lines.join('\n') };
}

function amountLines(programme: ProgrammeEligibility, asOf: string, locale: Locale): string[] {
  if (programme.amounts.length === 0) return [];
  const lines: string[] = [];
  if (programme.noValueInForce) {
    lines.push(t(locale, 'policy.describe.noValueInForce', { date: formatDate(asOf, locale) }));
  }
  const several = programme.amounts.length > 1;
  for (const candidate of programme.amounts) {
    if (candidate.inForce) {
      const amount = formatDatedValue(candidate.inForce, locale);
      lines.push(
        several
          ? t(locale, 'policy.describe.amountOption', { label: pick(candidate.label, locale), amount })
          : t(locale, 'policy.describe.amount', { amount }),
      );
    } else if (candidate.latestKnown) {
      const known = t(locale, 'policy.describe.latestKnown', {
        period: formatPeriod(candidate.latestKnown, locale),
        amount: formatDatedValue(candidate.latestKnown, locale),
      });
      lines.push(
        several
          ? t(locale, 'policy.describe.amountOption', { label: pick(candidate.label, locale), amount: known })
          : known,
      );
    }
  }
  return lines;
}

function applicationLines(programme: ProgrammeEligibility, locale: Locale): string[] {
  const lines: string[] = [];
  if (!programme.applicationRequired) {
    lines.push(t(locale, 'policy.describe.noApplication'));
  } else {
    lines.push(t(locale, 'policy.describe.application', { howToApply: pick(programme.howToApply, locale) }));
    if (programme.materials.length > 0) {
      const materials = joinClauses(
        programme.materials.map((material) => pick(material, locale)),
        locale,
      );
      lines.push(t(locale, 'policy.describe.materials', { materials }));
    }
  }
  lines.push(t(locale, 'policy.describe.payment', { payment: pick(programme.paymentMethod, locale) }));
  if (programme.terms.length > 0) {
    const terms = joinClauses(
      programme.terms.map((term) => pick(term.text, locale)),
      locale,
    );
    lines.push(t(locale, 'policy.describe.terms', { terms }));
  }
  return lines;
}

function citationLine(programme: ProgrammeEligibility, locale: Locale): string {
  const citations = programme.citations.map((citation) => {
    const { document } = citation;
    const title = `${pick(document.title, locale)}${document.number ? ` ${document.number}` : ''}`;
    return citation.clause ? `${title} ${pick(citation.clause, locale)}` : title;
  });
  return t(locale, 'policy.describe.citations', { citations: joinClauses([...new Set(citations)], locale) });
}

/** Every answer ends with where to ask: the configured hotline, never 12309. */
export function contactLine(
  programme: ProgrammeEligibility,
  locale: Locale,
  hotline: string | undefined,
): string {
  const contact = pick(programme.contact, locale);
  const number = safeHotline(hotline);
  return number
    ? t(locale, 'policy.describe.hotline', { hotline: number, contact })
    : t(locale, 'policy.describe.contactOnly', { contact });
}
