import type { SearchResult } from 'minisearch';
import { type Locale, t } from '../../i18n/index.js';
import { type Catalog, type LocalizedText, STAGE_IDS, type StageId } from '../catalog-schema.js';
import { DEFAULT_CATALOG_ID, listCatalogs } from '../catalogs/index.js';
import { toDateKey } from '../eligibility/date-key.js';
import { describeSources } from '../render/describe-sources.js';
import { pick } from '../render/localize.js';
import type { AskConfidence, AskFacts, AskOptions, AskResult, AskSuggestion } from './ask-types.js';
import {
  applicationLines,
  citationsFor,
  closingLines,
  faqAnswerLines,
  figureViews,
  programmeAnswerLines,
} from './compose-answer.js';
import {
  checkSuggestion,
  contactSuggestion,
  outOfScopeLines,
  overviewLines,
  smallTalkReply,
} from './compose-replies.js';
import { createSmallTalkDetector } from './detect-small-talk.js';
import { createFactExtractor, hasFacts, type QuestionFacts } from './extract-facts.js';
import { DEFAULT_KNOWLEDGE_BASE, type FaqEntry, type KnowledgeBase } from './knowledge-base.js';
import { createOutOfScopeMatcher } from './match-out-of-scope.js';
import { PhraseSet } from './phrase-set.js';
import { searchIndexFor } from './prebuilt-indexes.js';
import type { RankedSearch } from './ranked-search.js';
import type { SearchDocument } from './search-index.js';
import { selectFigures } from './select-figures.js';
import { createTextAnalyzer } from './text-analyzer.js';

export type {
  AskCitation,
  AskConfidence,
  AskFacts,
  AskFigure,
  AskMatch,
  AskOptions,
  AskResult,
  AskSuggestion,
} from './ask-types.js';
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
const AMOUNT_FAQ_DAMPING = 0.7;
/** Programmes carry the steps and materials, so "怎么申请" favours them over the glossary. */
const APPLY_BOOST = 1.6;
/** A glossary entry for a category the question states as a fact ("我们是低保户") is rarely what is asked. */
const STATED_FACT_DAMPING = 0.15;
const HIGH_CONFIDENCE = 0.5;
const MEDIUM_CONFIDENCE = 0.25;

/**
 * Builds every catalogue's index once; `ask` is then a pure in-memory lookup (well under a
 * millisecond), safe to share across requests on Node and Workers.
 *
 * Order of reading a question: small talk ("你好", "人工", "我也不知道") → a programme run by someone else
 * (雨露计划) → a bare stage ("七年级") → the search over programmes, glossary and FAQ, re-ranked by the
 * stage the question names; the figures quoted are the ones its facts (住校, 农村 …) select.
 */
export function createAskEngine(options: AskEngineOptions = {}): AskEngine {
  const knowledge = options.knowledge ?? DEFAULT_KNOWLEDGE_BASE;
  const catalogs = options.catalogs ?? listCatalogs();
  const defaultCatalogId = options.defaultCatalogId ?? DEFAULT_CATALOG_ID;
  const analyzer = createTextAnalyzer(knowledge, STAGE_IDS.map(stageName));
  // Each catalogue's index is made the first time a question needs it (most deployments use one).
  const indexes = new Map<string, { catalog: Catalog; index: RankedSearch<SearchDocument> }>();
  const indexFor = (catalogId: string) => {
    const catalog = catalogs.find((candidate) => candidate.id === catalogId) ?? catalogs[0];
    if (!catalog) return undefined;
    let entry = indexes.get(catalog.id);
    if (!entry) {
      entry = { catalog, index: searchIndexFor(catalog, knowledge, analyzer) };
      indexes.set(catalog.id, entry);
    }
    return entry;
  };
  const entries = new Map(knowledge.entries.map((entry) => [entry.id, entry]));
  const cues = (list: readonly string[]) => list.map((cue) => analyzer.normalize(cue));
  const definitionCues = cues(knowledge.definitionCues);
  const amountCues = cues(knowledge.amountCues);
  const applyCues = cues(knowledge.intents.applyCues);
  const extractFacts = createFactExtractor(knowledge.facts, analyzer.normalize);
  const detectSmallTalk = createSmallTalkDetector(knowledge.intents, analyzer.normalize);
  const matchOutOfScope = createOutOfScopeMatcher(knowledge.outOfScope, analyzer.normalize);
  const intentCues = new PhraseSet([...definitionCues, ...amountCues, ...applyCues]);
  const generic = new PhraseSet(cues([...knowledge.intents.genericTerms, ...knowledge.intents.fillers]));
  const hasTopic = (rest: string) => analyzer.hasLongTerm(generic.blank(rest));

  const ask = (question: string, askOptions: AskOptions): AskResult => {
    const { locale, hotline } = askOptions;
    const target = indexFor(askOptions.catalogId ?? defaultCatalogId);
    if (!target) throw new Error('ask engine has no catalogues');
    const { catalog, index } = target;
    const normalized = analyzer.normalize(question);
    const facts = extractFacts(normalized);
    const stated = publicFacts(facts);
    const nothingCited: Pick<AskResult, 'figures' | 'citations' | 'sources' | 'facts'> = {
      figures: [],
      citations: [],
      sources: null,
      facts: stated,
    };

    const smallTalk = detectSmallTalk(normalized);
    if (smallTalk) {
      const reply = smallTalkReply(smallTalk, locale, hotline);
      return {
        ...nothingCited,
        answer: reply.answer,
        programIds: [],
        topMatch: { kind: 'small_talk', id: smallTalk },
        intent: 'general',
        confidence: smallTalk === 'vague' ? 'medium' : 'high',
        score: 1,
        suggestions: reply.suggestions,
      };
    }

    // Intent cues ("多少", "怎么申请") are not what the question is about, nor what a hit must explain.
    const { found: cuesFound, blanked: withoutCues } = intentCues.read(normalized);
    const has = (list: readonly string[]) => list.some((cue) => cuesFound.has(cue));
    const asksApply = has(applyCues);
    const asksDefinition = !asksApply && has(definitionCues);
    const asksAmount = !asksApply && !asksDefinition && has(amountCues);
    const intent = asksApply
      ? 'how_to_apply'
      : asksDefinition
        ? 'definition'
        : asksAmount
          ? 'amount'
          : 'general';

    const outside = matchOutOfScope(normalized);
    if (outside) {
      return {
        ...nothingCited,
        answer: [...outOfScopeLines(outside, locale), ...closingLines(locale, hotline, undefined)].join('\n'),
        programIds: [],
        topMatch: { kind: 'out_of_scope', id: outside.id },
        intent,
        confidence: 'high',
        score: 1,
        suggestions: [contactSuggestion(locale)],
      };
    }

    const statedCategories = new Set<string>(facts.categories);
    // "有什么补助" names no programme and says nothing about the child: ask for the stage or offer the check.
    if (!hasFacts(facts) && !hasTopic(withoutCues)) {
      return {
        ...nothingCited,
        answer: [t(locale, 'ask.generic'), ...closingLines(locale, hotline, undefined)].join('\n'),
        programIds: [],
        topMatch: undefined,
        intent,
        confidence: 'low',
        score: 0,
        suggestions: fallbackSuggestions(locale),
      };
    }
    const stageOnly =
      facts.boarding === undefined && facts.residence === undefined && facts.categories.length === 0;
    if (facts.stage && stageOnly && intent === 'general' && !hasTopic(facts.rest)) {
      const overview = overviewLines(catalog, facts.stage, locale);
      return {
        ...nothingCited,
        answer: [...overview.lines, ...closingLines(locale, hotline, undefined)].join('\n'),
        programIds: overview.ids,
        topMatch: { kind: 'overview', id: facts.stage },
        intent,
        confidence: 'medium',
        score: 1,
        suggestions: [checkSuggestion(locale), contactSuggestion(locale)],
      };
    }

    const searched = !analyzer.hasTerms(question)
      ? []
      : index.searchTerms(analyzer.tokenizeJoined(withStage(question, facts)), (_id, _term, stored) => {
          if (stored?.kind === 'programme') return asksApply ? APPLY_BOOST : asksAmount ? AMOUNT_BOOST : 1;
          // Only programmes carry figures: a "how much" question is rarely answered by the FAQ.
          let boost = asksAmount ? AMOUNT_FAQ_DAMPING : 1;
          if (stored?.kind === 'glossary') {
            if (asksDefinition) boost *= DEFINITION_BOOST;
            // "我们是低保户，有补助吗" states a fact about the family; it does not ask what 低保 is.
            else if (statedCategories.has(String(stored.refId))) boost *= STATED_FACT_DAMPING;
          }
          return boost;
        });
    // A programme of another stage is never the answer when the question names the stage (七年级 ≠ 中职).
    const hits = facts.stage
      ? searched.filter((hit) => {
          if (hit.kind !== 'programme') return true;
          const programme = catalog.programmes.find((item) => item.id === hit.refId);
          return programme?.stages.includes(facts.stage ?? 'primary') ?? false;
        })
      : searched;

    const top = hits[0];
    // Stated facts ("初二", "住校") need not be explained by the hit either, so the better of the two readings
    // counts.
    const topicOnly = intentCues.blank(facts.rest);
    const coverage = (terms: readonly string[]) => {
      const ofQuestion = analyzer.coverage(withoutCues, terms);
      // Nothing covers more than all (and the topic's reading would cost another segmentation).
      if (ofQuestion === 1) return ofQuestion;
      return Math.max(ofQuestion, hasTopic(topicOnly) ? analyzer.coverage(topicOnly, terms) : 0);
    };
    let score = top ? confidenceScore(coverage(top.queryTerms), top, hits[1]) : 0;
    // Words found only in a description, never in a name, alias or question, are too weak to be sure.
    if (top && !matchedOutsideBody(top)) score = Math.min(score, HIGH_CONFIDENCE - 0.01);
    const confidence: AskConfidence =
      score >= HIGH_CONFIDENCE ? 'high' : score >= MEDIUM_CONFIDENCE ? 'medium' : 'low';
    const dateKey = toDateKey(askOptions.asOf ?? new Date());

    if (!top || confidence === 'low') {
      return {
        ...nothingCited,
        answer: [
          t(locale, 'policy.ask.lowConfidence'),
          t(locale, 'policy.ask.suggestCheck'),
          ...closingLines(locale, hotline, undefined),
        ].join('\n'),
        programIds: [],
        topMatch: top ? topMatchOf(top) : undefined,
        intent,
        confidence: 'low',
        score,
        suggestions: [
          ...fallbackSuggestions(locale),
          ...alternativeSuggestions(hits, catalog, entries, locale),
        ],
      };
    }

    const lines: string[] = confidence === 'medium' ? [t(locale, 'policy.ask.mediumConfidence')] : [];
    const match = topMatchOf(top);
    const programme =
      match.kind === 'programme' ? catalog.programmes.find((item) => item.id === match.id) : undefined;
    const entry = match.kind === 'programme' ? undefined : entries.get(match.id);
    let programIds: string[] = [];
    let contact: LocalizedText | undefined;
    let citations: AskResult['citations'] = [];
    let figures: AskResult['figures'] = [];
    let sources: AskResult['sources'] = null;
    if (programme) {
      const selection = selectFigures(programme, facts, dateKey);
      if (asksApply) {
        lines.push(...applicationLines(programme, locale));
      } else {
        lines.push(...programmeAnswerLines(programme, selection, facts, locale));
        figures = figureViews(selection, locale);
      }
      programIds = [programme.id, ...otherProgrammeIds(hits, programme.id)];
      contact = programme.contact;
      const clauses = new Map<string, LocalizedText>();
      for (const citation of programme.citations) {
        if (citation.clause && !clauses.has(citation.documentId))
          clauses.set(citation.documentId, citation.clause);
      }
      const quoted = asksApply ? [] : selection.figures.map((figure) => figure.shown);
      const documentIds = [
        ...quoted.flatMap((value) => value.documentIds),
        ...programme.citations.map((citation) => citation.documentId),
      ];
      citations = citationsFor(catalog, documentIds, locale, clauses);
      sources = describeSources(catalog, { figures: quoted, documentIds }, locale) ?? null;
    } else if (entry) {
      lines.push(...faqAnswerLines(entry, catalog, locale));
      programIds = entry.programmeIds.filter((id) => catalog.programmes.some((item) => item.id === id));
      citations = citationsFor(catalog, entry.documentIds, locale);
      sources = describeSources(catalog, { figures: [], documentIds: entry.documentIds }, locale) ?? null;
    }
    if (sources) lines.push(t(locale, 'sources.line', { summary: sources.summary }));
    lines.push(...closingLines(locale, hotline, contact));

    const suggestions = alternativeSuggestions(hits.slice(1), catalog, entries, locale);
    if (confidence === 'medium' || (programme && figures.length > 0 && programme.applicationRequired))
      suggestions.push(checkSuggestion(locale));
    if (confidence === 'medium') suggestions.push(contactSuggestion(locale));
    return {
      answer: lines.join('\n'),
      programIds,
      topMatch: match,
      intent,
      facts: stated,
      figures,
      citations,
      sources,
      confidence,
      suggestions,
      score,
    };
  };

  return { ask };
}

/** "高三" names no programme, but its stage does: search with the stage's name added (普通高中). */
function withStage(question: string, facts: QuestionFacts): string[] {
  return facts.stage ? [question, stageName(facts.stage)] : [question];
}

function stageName(stage: StageId): string {
  return t('zh-CN', `policy.stage.${stage}`);
}

/** Assigned key by key (in the order answers have always had) rather than spread from small objects. */
function publicFacts(facts: QuestionFacts): AskFacts {
  const stated: AskFacts = {} as AskFacts;
  if (facts.stage) stated.stage = facts.stage;
  if (facts.boarding !== undefined) stated.boarding = facts.boarding;
  if (facts.residence) stated.residence = facts.residence;
  stated.categories = facts.categories;
  return stated;
}

function topMatchOf(hit: SearchResult): { kind: 'programme' | 'glossary' | 'faq'; id: string } {
  const kind = hit.kind === 'glossary' || hit.kind === 'faq' ? hit.kind : 'programme';
  return { kind, id: String(hit.refId) };
}

function matchedOutsideBody(hit: SearchResult): boolean {
  return Object.values(hit.match).some((fields) => fields.some((field) => field !== 'body'));
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
  return [checkSuggestion(locale), contactSuggestion(locale)];
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
