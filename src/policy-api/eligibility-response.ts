import { type Locale, t } from '../i18n/index.js';
import {
  type Catalog,
  createCatalogMemo,
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
  materials: readonly string[];
  howToApply: string;
  payment: string;
  contact: string;
  /** A quoted figure is secondary or unverified: "请以当地资助中心公布为准". */
  needsLocalConfirmation: boolean;
  citations: readonly {
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

type ResultField = keyof ProgrammeResultView;

interface ResultInput {
  catalog: Catalog;
  programme: ProgrammeEligibility;
  asOf: string;
  locale: Locale;
  hotline: string;
}

// A programme's materials and citations depend only on the catalogue and the language, never on the child:
// worked out once and shared (frozen) by every answer.
const materialViews = createCatalogMemo<readonly string[]>();
const citationViews = createCatalogMemo<ProgrammeResultView['citations']>();

/** How each field of a result is worked out; `?fields=` runs only the ones asked for (the text costs most). */
const FIELD_VIEWS: { [Field in ResultField]: (input: ResultInput) => ProgrammeResultView[Field] } = {
  programId: ({ programme }) => programme.programmeId,
  name: ({ programme, locale }) => programme.name[locale],
  verdict: ({ programme }) => programme.verdict,
  amount: ({ programme, locale }) => amountView(programme, locale),
  reasons: ({ programme, locale }) => programme.reasons.map((reason) => renderMessage(reason, locale)),
  missing: ({ programme, locale }) =>
    programme.missingInfo.map((missing) => ({
      field: missing.field,
      affects: missing.affects,
      question: t(locale, `policy.question.${missing.field}`),
    })),
  applicationRequired: ({ programme }) => programme.applicationRequired,
  materials: ({ catalog, programme, locale }) =>
    materialViews.get(catalog, `${programme.programmeId}|${locale}`, () =>
      Object.freeze(programme.materials.map((material) => material[locale])),
    ),
  howToApply: ({ programme, locale }) => programme.howToApply[locale],
  payment: ({ programme, locale }) => programme.paymentMethod[locale],
  contact: ({ programme, locale }) => programme.contact[locale],
  needsLocalConfirmation: ({ programme }) => programme.needsLocalConfirmation,
  citations: ({ catalog, programme, locale }) =>
    citationViews.get(catalog, `${programme.programmeId}|${locale}`, () =>
      Object.freeze(
        programme.citations.map((citation) =>
          Object.freeze({
            documentId: citation.documentId,
            title: citation.document.title[locale],
            ...(citation.document.number ? { number: citation.document.number } : {}),
            issuer: citation.document.issuer[locale],
            ...(citation.document.date ? { date: citation.document.date } : {}),
            ...(citation.clause ? { clause: citation.clause[locale] } : {}),
            verification: citation.verification,
          }),
        ),
      ),
    ),
  sources: ({ catalog, programme, locale }) => programmeSources(catalog, programme, locale) ?? null,
  text: ({ programme, asOf, locale, hotline }) =>
    describeProgramme(programme, asOf, locale, { hotline, maxReasons: 3 }).text,
};

export function programmeResultView(
  catalog: Catalog,
  programme: ProgrammeEligibility,
  asOf: string,
  locale: Locale,
  hotline: string,
): ProgrammeResultView {
  const input = { catalog, programme, asOf, locale, hotline };
  return {
    programId: FIELD_VIEWS.programId(input),
    name: FIELD_VIEWS.name(input),
    verdict: FIELD_VIEWS.verdict(input),
    amount: FIELD_VIEWS.amount(input),
    reasons: FIELD_VIEWS.reasons(input),
    missing: FIELD_VIEWS.missing(input),
    applicationRequired: FIELD_VIEWS.applicationRequired(input),
    materials: FIELD_VIEWS.materials(input),
    howToApply: FIELD_VIEWS.howToApply(input),
    payment: FIELD_VIEWS.payment(input),
    contact: FIELD_VIEWS.contact(input),
    needsLocalConfirmation: FIELD_VIEWS.needsLocalConfirmation(input),
    citations: FIELD_VIEWS.citations(input),
    sources: FIELD_VIEWS.sources(input),
    text: FIELD_VIEWS.text(input),
  };
}

/** Only the named fields of one result, each worked out only when asked for. */
function pickedResultView(input: ResultInput, fields: readonly ResultField[]): Partial<ProgrammeResultView> {
  const view: Partial<ProgrammeResultView> = {};
  for (const field of fields) setField(view, field, input);
  return view;
}

function setField<Field extends ResultField>(
  view: Partial<ProgrammeResultView>,
  field: Field,
  input: ResultInput,
): void {
  view[field] = FIELD_VIEWS[field](input);
}

/** One entry of `results`: every field, or only `fields` (`?fields=`), in the order asked for. */
export function resultView(
  catalog: Catalog,
  programme: ProgrammeEligibility,
  asOf: string,
  locale: Locale,
  hotline: string,
  fields?: readonly ResultField[],
): Partial<ProgrammeResultView> {
  return fields
    ? pickedResultView({ catalog, programme, asOf, locale, hotline }, fields)
    : programmeResultView(catalog, programme, asOf, locale, hotline);
}

/** The fields an answer starts with, before `results`. */
export function answerHeading(result: EligibilityResult, locale: Locale) {
  return { catalog: { id: result.catalogId, version: result.catalogVersion }, asOf: result.asOf, locale };
}

/** The field an answer ends with, after `results`. */
export function answerNotice(locale: Locale, hotline: string) {
  return { antiFraud: t(locale, 'policy.describe.antiFraud'), hotline: safeHotline(hotline) ?? null };
}

/** The JSON body of POST /api/eligibility: every field of each result, or only `fields` (`?fields=`). */
export function eligibilityResponse(
  catalog: Catalog,
  result: EligibilityResult,
  locale: Locale,
  hotline: string,
  fields?: readonly ResultField[],
) {
  return {
    ...answerHeading(result, locale),
    results: result.programmes.map((programme) =>
      resultView(catalog, programme, result.asOf, locale, hotline, fields),
    ),
    notice: answerNotice(locale, hotline),
  };
}
