import { LOCALES, t } from '../../i18n/index.js';
import type { Catalog, LocalizedText, StageId } from '../catalog-schema.js';
import type { FaqEntry, KnowledgeBase } from './knowledge-base.js';
import { RankedSearch } from './ranked-search.js';
import type { TextAnalyzer } from './text-analyzer.js';

export interface SearchDocument {
  id: string;
  kind: 'programme' | 'glossary' | 'faq';
  /** Programme id or FAQ entry id. */
  refId: string;
  name: string;
  aliases: string;
  question: string;
  body: string;
}

const allLocales = (text: LocalizedText): string => `${text['zh-CN']} ${text['zh-TW']} ${text.en}`;

const FIELD_BOOSTS = { name: 3, aliases: 3, question: 2, body: 0.5 };
const FUZZY_WORD = /^[a-z]{5,}$/;
const PREFIX_WORD = /^[a-z]{4,}$/;

/** How documents and questions are cut into terms and weighed; the same for a built and a loaded index. */
export function searchIndexOptions(analyzer: TextAnalyzer) {
  return {
    fields: ['name', 'aliases', 'question', 'body'],
    storeFields: ['kind', 'refId'],
    tokenize: analyzer.tokenize,
    processTerm: (term: string) => term,
    searchOptions: {
      boost: FIELD_BOOSTS,
      combineWith: 'OR' as const,
      // Typos only make sense for alphabetic words; Chinese relies on bigram overlap instead.
      fuzzy: (term: string) => (FUZZY_WORD.test(term) ? 0.2 : false),
      prefix: (term: string) => PREFIX_WORD.test(term),
    },
  };
}

/** One index per catalogue: its programmes plus the shared glossary and FAQ. */
export function buildSearchIndex(
  catalog: Catalog,
  knowledge: KnowledgeBase,
  analyzer: TextAnalyzer,
): RankedSearch<SearchDocument> {
  const index = new RankedSearch<SearchDocument>(searchIndexOptions(analyzer));
  index.addAll([
    ...catalog.programmes.map(
      (programme): SearchDocument => ({
        id: `programme:${programme.id}`,
        kind: 'programme',
        refId: programme.id,
        name: allLocales(programme.name),
        aliases: (knowledge.programmeAliases[programme.id] ?? []).join(' '),
        question: '',
        body: `${allLocales(programme.audience)} ${stageNames(programme.stages)}`,
      }),
    ),
    ...knowledge.entries.map(faqDocument),
  ]);
  return index;
}

function faqDocument(entry: FaqEntry): SearchDocument {
  return {
    id: `faq:${entry.id}`,
    kind: entry.kind,
    refId: entry.id,
    name: '',
    aliases: entry.aliases.join(' '),
    question: allLocales(entry.question),
    body: allLocales(entry.answer),
  };
}

function stageNames(stages: readonly StageId[]): string {
  return stages.flatMap((stage) => LOCALES.map((locale) => t(locale, `policy.stage.${stage}`))).join(' ');
}
