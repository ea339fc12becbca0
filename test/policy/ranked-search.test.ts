import MiniSearch, { type SearchOptions } from 'minisearch';
import { describe, expect, it } from 'vitest';
import { ASK_CASES } from '../../bench/ask-cases.js';
import { DEFAULT_KNOWLEDGE_BASE } from '../../src/policy/ask/knowledge-base.js';
import { searchIndexFor } from '../../src/policy/ask/prebuilt-indexes.js';
import { RankedSearch } from '../../src/policy/ask/ranked-search.js';
import { buildSearchIndex } from '../../src/policy/ask/search-index.js';
import { createTextAnalyzer } from '../../src/policy/ask/text-analyzer.js';
import { listCatalogs } from '../../src/policy/catalogs/index.js';

// RankedSearch must answer exactly as MiniSearch: same documents, same order, the same scores to the last bit,
// the same matched terms and fields. Typos (fuzzy) and word starts (prefix) take their own paths.
const QUESTIONS = [
  ...ASK_CASES.map((item) => item.q),
  ...ASK_CASES.map((item) => `${item.q} 普通高中`),
  'subsidyy',
  'scholarshp for colege',
  'schol',
  'tuit',
  'nutrition meals nutrition',
  'livng subsidy boardin',
  '助学贷款助学贷款',
  '低保 低保户 what is dibao',
];

const boostDocument: NonNullable<SearchOptions['boostDocument']> = (_id, term, stored) =>
  stored?.kind === 'programme' ? 1.6 : stored?.kind === 'glossary' ? (term.length > 2 ? 0.15 : 1.6) : 0.7;

describe('ranked search', () => {
  const analyzer = createTextAnalyzer(DEFAULT_KNOWLEDGE_BASE);
  const indexes = listCatalogs().flatMap((catalog) => [
    [`${catalog.id} (shipped)`, searchIndexFor(catalog, DEFAULT_KNOWLEDGE_BASE, analyzer)] as const,
    [`${catalog.id} (built)`, buildSearchIndex(catalog, DEFAULT_KNOWLEDGE_BASE, analyzer)] as const,
  ]);

  it.each(indexes)('of %s finds exactly what MiniSearch finds', (_name, index) => {
    expect(index.search).toBe(MiniSearch.prototype.search);
    for (const question of QUESTIONS) {
      for (const options of [{}, { boostDocument }]) {
        const expected = index.search(question, options);
        const got = index.searchTerms(analyzer.tokenize(question), options.boostDocument);
        // Stringified as well, so the order of keys (terms, matched fields) counts too.
        expect(JSON.stringify(got), question).toBe(JSON.stringify(expected));
        expect(got, question).toEqual(expected);
      }
    }
    expect(index.searchTerms(['subsidyy']).length).toBeGreaterThan(0);
    expect(index.searchTerms(['nutri']).length).toBeGreaterThan(0);
  });

  // Expansions are kept per term: a term searched again, after other terms, or once with prefix or fuzzy
  // matching and once without, must still find what MiniSearch finds.
  it('answers a term searched again as it did the first time', () => {
    const documents = [
      { id: 1, text: 'tuition waiver for students' },
      { id: 2, text: 'tuitions and boarding subsidies' },
      { id: 3, text: 'student subsidy scholarship' },
      { id: 4, text: 'scholarships for colleges' },
    ];
    const options = {
      fields: ['text'],
      // Only a question's first term may be a word start or a typo, so one term is searched both ways.
      searchOptions: {
        prefix: (_term: string, at: number) => at === 0,
        fuzzy: (_term: string, at: number) => (at === 0 ? 0.3 : false),
      },
    };
    const index = new RankedSearch(options);
    index.addAll(documents);
    const expected = new MiniSearch(options);
    expected.addAll(documents);
    const searches = [
      ['tuit', 'scholarshp'],
      ['scholarshp', 'tuit'],
      ['subsidy'],
      ['tuit', 'scholarshp'],
      ['student', 'subsidies', 'tuit'],
      ['scholarshp', 'tuit'],
    ];
    for (const terms of searches) {
      const want = JSON.stringify(expected.search(terms.join(' ')));
      expect(JSON.stringify(index.searchTerms(terms)), terms.join(' ')).toBe(want);
    }
    // Both readings of the term matter: a word start finds what the exact term alone does not.
    expect(index.searchTerms(['tuit']).length).toBe(2);
    expect(index.searchTerms(['subsidy', 'tuit']).every((hit) => !hit.queryTerms.includes('tuit'))).toBe(
      true,
    );
  });
});
