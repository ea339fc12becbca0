import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { ASK_CASES } from '../../bench/ask-cases.js';
import { DEFAULT_KNOWLEDGE_BASE } from '../../src/policy/ask/knowledge-base.js';
import { buildSearchIndex, searchIndexOptions } from '../../src/policy/ask/search-index.js';
import { SnapshotSearch } from '../../src/policy/ask/search-snapshot.js';
import { createTextAnalyzer } from '../../src/policy/ask/text-analyzer.js';
import { listCatalogs } from '../../src/policy/catalogs/index.js';

// Typos (fuzzy) and word starts (prefix) walk the tree, so the snapshot must keep it node for node.
const QUESTIONS = [
  ...ASK_CASES.map((item) => item.q),
  'subsidyy',
  'schol',
  'tuit',
  'nutrition meals',
  '助学贷款',
];

describe('search snapshot', () => {
  it.each(listCatalogs().map((catalog) => [catalog.id, catalog] as const))(
    'of %s finds what the index it was taken of finds, with the same scores and order',
    (_id, catalog) => {
      const analyzer = createTextAnalyzer(DEFAULT_KNOWLEDGE_BASE);
      const options = searchIndexOptions(analyzer);
      const json = JSON.parse(JSON.stringify(buildSearchIndex(catalog, DEFAULT_KNOWLEDGE_BASE, analyzer)));
      const loaded = MiniSearch.loadJS(json, options);
      const snapshot = JSON.parse(JSON.stringify(SnapshotSearch.fromJSON(json, options).snapshot()));
      const restored = SnapshotSearch.fromSnapshot(snapshot, options);
      expect(restored.termCount).toBe(loaded.termCount);
      expect(restored.documentCount).toBe(loaded.documentCount);
      expect(restored.toJSON()).toEqual(loaded.toJSON());
      for (const question of QUESTIONS) {
        expect(restored.search(question), question).toEqual(loaded.search(question));
      }
      expect(restored.search('subsidyy').length).toBeGreaterThan(0);
      expect(restored.search('nutri').length).toBeGreaterThan(0);
    },
  );
});
