import { type Locale, t } from '../../i18n/index.js';
import type { Catalog, DatedValue, PolicyDocument, Verification } from '../catalog-schema.js';
import { createCatalogMemo, objectKey } from './catalog-memo.js';
import { pick } from './localize.js';

export interface SourceDocumentView {
  documentId: string;
  title: string;
  number?: string;
  issuer: string;
  /** As the catalogue knows it: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  date?: string;
  verification: Verification;
  /** One line for the citation list: 《title》number, issuer, date (status). */
  text: string;
}

/** Where an answer's figures come from, from when, and how sure we are: shown compactly on every answer. */
export interface SourcesView {
  /** The first day the quoted figures apply and its reading ("2024年春季学期起"); absent without figures. */
  effective?: { from: string; label: string };
  /** The weakest status among the quoted figures and their main document. */
  verification: Verification;
  verificationLabel: string;
  /** One line: effective date · document · status. */
  summary: string;
  /** Label of the control that expands the list. */
  showLabel: string;
  documents: SourceDocumentView[];
}

const STRENGTH: Record<Verification, number> = { verified: 2, secondary: 1, unverified: 0 };

function weakest(statuses: readonly Verification[]): Verification {
  return statuses.reduce<Verification>(
    (low, next) => (STRENGTH[next] < STRENGTH[low] ? next : low),
    'verified',
  );
}

/** 2024-03-01 → "2024年春季学期起"; 2024-09-01 → "2024年秋季学期起"; 2021-01-01 → "2021年起". */
export function formatEffectiveFrom(isoDate: string, locale: Locale): string {
  const [year = '', mm = '', dd = ''] = isoDate.split('-');
  const month = Number(mm);
  if (month === 1 && dd === '01') return t(locale, 'sources.fromYear', { year });
  if (month >= 2 && month <= 7) return t(locale, 'sources.fromSpring', { year });
  if (month >= 8) return t(locale, 'sources.fromAutumn', { year });
  return t(locale, 'sources.fromDate', { year, month, day: Number(dd) });
}

function formatDocumentDate(date: string, locale: Locale): string {
  const [year = '', mm] = date.split('-');
  return mm === undefined
    ? t(locale, 'sources.documentYear', { year })
    : t(locale, 'sources.documentMonth', { year, month: Number(mm) });
}

// Catalogue documents never change once parsed, and most answers cite the same few: each document's line is
// worked out once per language (frozen, since every answer shares it).
const documentViews = new WeakMap<PolicyDocument, Map<Locale, SourceDocumentView>>();

function documentView(document: PolicyDocument, locale: Locale): SourceDocumentView {
  let views = documentViews.get(document);
  if (!views) {
    views = new Map();
    documentViews.set(document, views);
  }
  let view = views.get(locale);
  if (!view) {
    view = Object.freeze(describeDocument(document, locale));
    views.set(locale, view);
  }
  return view;
}

function describeDocument(document: PolicyDocument, locale: Locale): SourceDocumentView {
  const issuer = pick(document.issuer, locale);
  const title = pick(document.title, locale);
  const parts = [
    document.number,
    issuer,
    document.date ? formatDocumentDate(document.date, locale) : undefined,
  ];
  return {
    documentId: document.id,
    title,
    ...(document.number ? { number: document.number } : {}),
    issuer,
    ...(document.date ? { date: document.date } : {}),
    verification: document.verification,
    text: t(locale, 'sources.documentLine', {
      title,
      details: parts.filter((part) => part !== undefined).join(t(locale, 'sources.separator')),
      status: t(locale, `sources.status.${document.verification}`),
    }),
  };
}

// Most answers quote the same few figures: each set's view is worked out once per catalogue and language.
const sourcesViews = createCatalogMemo<Readonly<SourcesView> | null>();

/**
 * The sources of an answer: the documents behind the quoted figures first, then the programme's other
 * citations; the effective date is the latest start among the quoted figures. The view is shared between
 * answers (frozen): copy it before changing it.
 */
export function describeSources(
  catalog: Catalog,
  input: { figures: readonly DatedValue[]; documentIds: readonly string[] },
  locale: Locale,
): SourcesView | undefined {
  // Figures are catalogue objects, so their identity names them; document ids are plain strings.
  const key = `${locale}|${input.figures.map(objectKey).join(',')}|${input.documentIds.join(',')}`;
  return sourcesViews.get(catalog, key, () => frozenView(buildSources(catalog, input, locale))) ?? undefined;
}

function frozenView(view: SourcesView | undefined): Readonly<SourcesView> | null {
  if (!view) return null;
  if (view.effective) Object.freeze(view.effective);
  Object.freeze(view.documents);
  return Object.freeze(view);
}

function buildSources(
  catalog: Catalog,
  input: { figures: readonly DatedValue[]; documentIds: readonly string[] },
  locale: Locale,
): SourcesView | undefined {
  const ids = [...new Set([...input.figures.flatMap((figure) => figure.documentIds), ...input.documentIds])];
  const documents = ids
    .map((id) => catalog.documents.find((document) => document.id === id))
    .filter((document) => document !== undefined);
  const [main] = documents;
  if (!main && input.figures.length === 0) return undefined;
  const verification = weakest([
    ...input.figures.map((figure) => figure.verification),
    ...(main ? [main.verification] : []),
  ]);
  const from = input.figures
    .map((figure) => figure.effectiveFrom)
    .sort()
    .at(-1);
  const effective = from ? { from, label: formatEffectiveFrom(from, locale) } : undefined;
  const verificationLabel = t(locale, `sources.status.${verification}`);
  const mainView = main ? documentView(main, locale) : undefined;
  const mainShort = main
    ? [main.number ?? mainView?.issuer, main.date ? formatDocumentDate(main.date, locale) : undefined]
        .filter((part) => part !== undefined)
        .join(t(locale, 'sources.separator'))
    : undefined;
  const summary = [effective?.label, mainShort, verificationLabel]
    .filter((part) => part !== undefined)
    .join(' · ');
  return {
    ...(effective ? { effective } : {}),
    verification,
    verificationLabel,
    summary,
    showLabel: t(locale, 'sources.show'),
    documents: documents.map((document) => documentView(document, locale)),
  };
}

/** The sources of one eligibility result: the figures it quotes and the programme's citations. */
export function programmeSources(
  catalog: Catalog,
  programme: {
    amounts: readonly { inForce: DatedValue | undefined; latestKnown: DatedValue | undefined }[];
    citations: readonly { documentId: string }[];
  },
  locale: Locale,
): SourcesView | undefined {
  const figures = programme.amounts
    .map((candidate) => candidate.inForce ?? candidate.latestKnown)
    .filter((value) => value !== undefined);
  return describeSources(
    catalog,
    { figures, documentIds: programme.citations.map((citation) => citation.documentId) },
    locale,
  );
}
