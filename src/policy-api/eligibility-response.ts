import { type Locale, t } from '../i18n/index.js';
import {
  type Catalog,
  type DatedValue,
  describeProgramme,
  type EligibilityResult,
  formatDatedValue,
  type ProgrammeEligibility,
  programmeSources,
  renderMessage,
  type SourcesView,
  safeHotline,
  type Verdict,
  type Verification,
} from '../policy/index.js';

export interface AmountOptionView {
  label: string;
  text: string;
  /** False when no figure is in force on the date asked and this is the latest known one. */
  inForce: boolean;
  effectiveFrom: string;
  effectiveTo?: string;
  verification: Verification;
}

export interface ProgrammeResultView {
  programId: string;
  name: string;
  verdict: Verdict;
  /** Null when the child is unlikely to qualify or the catalogue has no figure. */
  amount: { text: string; options: AmountOptionView[] } | null;
  reasons: string[];
  missing: { field: string; affects: 'verdict' | 'amount'; question: string }[];
  applicationRequired: boolean;
  materials: string[];
  howToApply: string;
  payment: string;
  contact: string;
  /** A quoted figure is secondary or unverified: "请以当地资助中心公布为准". */
  needsLocalConfirmation: boolean;
  citations: {
    documentId: string;
    title: string;
    number?: string;
    issuer: string;
    date?: string;
    clause?: string;
    verification: Verification;
  }[];
  /** Effective date, main document and status of the figures, compactly; null without a cited document. */
  sources: SourcesView | null;
  /** The whole answer as short sentences, ending with the anti-fraud line and the hotline. */
  text: string;
}

function amountOption(label: string, dated: DatedValue, inForce: boolean, locale: Locale): AmountOptionView {
  return {
    label,
    text: formatDatedValue(dated, locale),
    inForce,
    effectiveFrom: dated.effectiveFrom,
    ...(dated.effectiveTo ? { effectiveTo: dated.effectiveTo } : {}),
    verification: dated.verification,
  };
}

export function amountView(programme: ProgrammeEligibility, locale: Locale): ProgrammeResultView['amount'] {
  const options: AmountOptionView[] = [];
  for (const candidate of programme.amounts) {
    const shown = candidate.inForce ?? candidate.latestKnown;
    if (shown)
      options.push(amountOption(candidate.label[locale], shown, candidate.inForce !== undefined, locale));
  }
  const [only] = options;
  if (!only) return null;
  const text =
    options.length === 1
      ? only.text
      : options
          .map((option) =>
            t(locale, 'policy.describe.amountOption', { label: option.label, amount: option.text }),
          )
          .join(t(locale, 'policy.describe.clauseSeparator'));
  return { text, options };
}

export function programmeResultView(
  catalog: Catalog,
  programme: ProgrammeEligibility,
  asOf: string,
  locale: Locale,
  hotline: string,
): ProgrammeResultView {
  return {
    programId: programme.programmeId,
    name: programme.name[locale],
    verdict: programme.verdict,
    amount: amountView(programme, locale),
    reasons: programme.reasons.map((reason) => renderMessage(reason, locale)),
    missing: programme.missingInfo.map((missing) => ({
      field: missing.field,
      affects: missing.affects,
      question: t(locale, `policy.question.${missing.field}`),
    })),
    applicationRequired: programme.applicationRequired,
    materials: programme.materials.map((material) => material[locale]),
    howToApply: programme.howToApply[locale],
    payment: programme.paymentMethod[locale],
    contact: programme.contact[locale],
    needsLocalConfirmation: programme.needsLocalConfirmation,
    citations: programme.citations.map((citation) => ({
      documentId: citation.documentId,
      title: citation.document.title[locale],
      ...(citation.document.number ? { number: citation.document.number } : {}),
      issuer: citation.document.issuer[locale],
      ...(citation.document.date ? { date: citation.document.date } : {}),
      ...(citation.clause ? { clause: citation.clause[locale] } : {}),
      verification: citation.verification,
    })),
    sources: programmeSources(catalog, programme, locale) ?? null,
    text: describeProgramme(programme, asOf, locale, { hotline, maxReasons: 3 }).text,
  };
}

/** The JSON body of POST /api/eligibility. */
export function eligibilityResponse(
  catalog: Catalog,
  result: EligibilityResult,
  locale: Locale,
  hotline: string,
) {
  return {
    catalog: { id: result.catalogId, version: result.catalogVersion },
    asOf: result.asOf,
    locale,
    results: result.programmes.map((programme) =>
      programmeResultView(catalog, programme, result.asOf, locale, hotline),
    ),
    notice: {
      antiFraud: t(locale, 'policy.describe.antiFraud'),
      hotline: safeHotline(hotline) ?? null,
    },
  };
}
