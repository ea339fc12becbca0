import type MiniSearch from 'minisearch';
import type { SearchResult } from 'minisearch';
import { type Locale, t } from '../../i18n/index.js';
import type { Catalog, LocalizedText } from '../catalog-schema.js';
import { DEFAULT_CATALOG_ID, listCatalogs } from '../catalogs/index.js';
import { toDateKey } from '../eligibility/date-key.js';
import { pick } from '../render/localize.js';
import type { AskConfidence, AskOptions, AskResult, AskSuggestion } from './ask-types.js';
import { citationsFor, closingLines, faqAnswerLines, programmeAnswerLines } from './compose-answer.js';
import { DEFAULT_KNOWLEDGE_BASE, type FaqEntry, type KnowledgeBase } from './knowledge-base.js';
import { buildSearchIndex, type SearchDocument } from './search-index.js';
import { createTextAnalyzer } from './text-analyzer.js';

export type { AskCitation, AskConfidence, AskOptions, AskResult, AskSuggestion } from './ask-types.js';
export type { FaqEntry, KnowledgeBase } from './knowledge-base.js';

export interface AskEngineOptions {
  catalogs?: readonly Catalog[];
  defaultCatalogId?: string;
  knowledge?: KnowledgeBase;
}

export interface AskEngine {
  ask(question: string, options: AskOptions): AskResult;
}

/** Glossary entries get this boost when the question reads "什么是…" / "what is…". */
const DEFINITION_BOOST = 1.6;
/** Programmes get this boost when the question asks "多少" / "how much": they carry the figures. */
const AMOUNT_BOOST = 1.3;
const HIGH_CONFIDENCE = 0.5;
const MEDIUM_CONFIDENCE = 0.25;

/**
 * Builds every catalogue's index once; `ask` is then a pure in-memory lookup (well under a
 * millisecond), safe to share across requests on Node and Workers.
 */
export function createAskEngine(options: AskEngineOptions = {}): AskEngine {
  const knowledge = options.knowledge ?? DEFAULT_KNOWLEDGE_BASE;
  const catalogs = options.catalogs ?? listCatalogs();
  const defaultCatalogId = options.defaultCatalogId ?? DEFAULT_CATALOG_ID;
  const analyzer = createTextAnalyzer(knowledge);
  const indexes = new Map<string, { catalog: Catalog; index: MiniSearch<SearchDocument> }>();
  for (const catalog of catalogs)
    indexes.set(catalog.id, { catalog, index: buildSearchIndex(catalog, knowledge, analyzer) });
  const entries = new Map(knowledge.entries.map((entry) => [entry.id, entry]));
  const definitionCues = knowledge.definitionCues.map((cue) => analyzer.normalize(cue));
  const amountCues = knowledge.amountCues.map((cue) => analyzer.normalize(cue));

  const ask = (question: string, askOptions: AskOptions): AskResult => {
    const { locale } = askOptions;
    const target = indexes.get(askOptions.catalogId ?? defaultCatalogId) ?? indexes.values().next().value;
    if (!target) throw new Error('ask engine has no catalogues');
    const { catalog, index } = target;
    const normalized = analyzer.normalize(question);
    const asksDefinition = definitionCues.some((cue) => normalized.includes(cue));
    const asksAmount = amountCues.some((cue) => normalized.includes(cue));
    const hits =
      analyzer.tokenize(question).length === 0
        ? []
        : index.search(question, {
            boostDocument: (_id, _term, stored) => {
              if (asksDefinition && stored?.kind === 'glossary') return DEFINITION_BOOST;
              if (asksAmount && !asksDefinition && stored?.kind === 'programme') return AMOUNT_BOOST;
              return 1;
            },
          });

    const top = hits[0];
    const score = top ? confidenceScore(analyzer.coverage(question, top.queryTerms), top, hits[1]) : 0;
    const confidence: AskConfidence =
      score >= HIGH_CONFIDENCE ? 'high' : score >= MEDIUM_CONFIDENCE ? 'medium' : 'low';
    const dateKey = toDateKey(askOptions.asOf ?? new Date());

    if (!top || confidence === 'low') {
      return {
        answer: [
          t(locale, 'policy.ask.lowConfidence'),
          t(locale, 'policy.ask.suggestCheck'),
          ...closingLines(locale, askOptions.hotline, undefined),
        ].join('\n'),
        programIds: [],
        topMatch: top ? topMatchOf(top) : undefined,
        citations: [],
        confidence: 'low',
        score,
        suggestions: [
          ...fallbackSuggestions(locale),
          ...alternativeSuggestions(hits, catalog, entries, locale),
        ],
      };
    }

    const lines: string[] = confidence === 'medium' ? [t(locale, 'policy.ask.mediumConfidence')] : [];
    let programIds: string[];
    let contact: LocalizedText | undefined;
    let citations: AskResult['citations'];
    const match = topMatchOf(top);
    const programme =
      match.kind === 'programme' ? catalog.programmes.find((item) => item.id === match.id) : undefined;
    const entry = match.kind === 'programme' ? undefined : entries.get(match.id);
    if (programme) {
      lines.push(...programmeAnswerLines(programme, dateKey, locale));
      programIds = [programme.id, ...otherProgrammeIds(hits, programme.id)];
      contact = programme.contact;
      const clauses = new Map<string, LocalizedText>();
      for (const citation of programme.citations) {
        if (citation.clause && !clauses.has(citation.documentId))
          clauses.set(citation.documentId, citation.clause);
      }
      citations = citationsFor(
        catalog,
        programme.citations.map((c) => c.documentId),
        locale,
        clauses,
      );
    } else if (entry) {
      lines.push(...faqAnswerLines(entry, catalog, locale));
      programIds = entry.programmeIds.filter((id) => catalog.programmes.some((item) => item.id === id));
      citations = citationsFor(catalog, entry.documentIds, locale);
    } else {
      programIds = [];
      citations = [];
    }
    lines.push(...closingLines(locale, askOptions.hotline, contact));

    const suggestions = alternativeSuggestions(hits.slice(1), catalog, entries, locale);
    if (confidence === 'medium') suggestions.push(...fallbackSuggestions(locale));
    return {
      answer: lines.join('\n'),
      programIds,
      topMatch: match,
      citations,
      confidence,
      suggestions,
      score,
    };
  };

  return { ask };
}

function topMatchOf(hit: SearchResult): NonNullable<AskResult['topMatch']> {
  const kind = hit.kind === 'glossary' || hit.kind === 'faq' ? hit.kind : 'programme';
  return { kind, id: String(hit.refId) };
}

/**
 * How much of the question the best hit explains, damped when the runner-up scores almost as
 * high (the question could be about either).
 */
function confidenceScore(coverage: number, top: SearchResult, second: SearchResult | undefined): number {
  const margin = second ? (top.score - second.score) / top.score : 1;
  return Math.round(coverage * (0.6 + 0.4 * Math.min(1, margin * 3)) * 100) / 100;
}

function otherProgrammeIds(hits: readonly SearchResult[], except: string): string[] {
  return hits
    .filter((hit) => hit.kind === 'programme' && hit.refId !== except)
    .slice(0, 2)
    .map((hit) => String(hit.refId));
}

function fallbackSuggestions(locale: Locale): AskSuggestion[] {
  return [
    { kind: 'eligibility_check', label: t(locale, 'policy.ask.suggestion.eligibilityCheck') },
    { kind: 'contact_officer', label: t(locale, 'policy.ask.suggestion.contactOfficer') },
  ];
}

function alternativeSuggestions(
  hits: readonly SearchResult[],
  catalog: Catalog,
  entries: ReadonlyMap<string, FaqEntry>,
  locale: Locale,
): AskSuggestion[] {
  const suggestions: AskSuggestion[] = [];
  for (const hit of hits.slice(0, 3)) {
    const id = String(hit.refId);
    if (hit.kind === 'programme') {
      const programme = catalog.programmes.find((item) => item.id === id);
      if (programme) suggestions.push({ kind: 'programme', id, label: pick(programme.name, locale) });
    } else {
      const entry = entries.get(id);
      if (entry) suggestions.push({ kind: 'faq', id, label: pick(entry.question, locale) });
    }
  }
  return suggestions;
}
