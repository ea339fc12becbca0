import { describe, expect, it } from 'vitest';
import { createAskEngine } from '../../src/policy/ask/index.js';
import { DEFAULT_KNOWLEDGE_BASE } from '../../src/policy/ask/knowledge-base.js';
import { prebuiltIndexJson } from '../../src/policy/ask/prebuilt-index-json.js';
import { PREBUILT } from '../../src/policy/ask/prebuilt-indexes.js';
import { listCatalogs } from '../../src/policy/catalogs/index.js';

describe('prebuilt search indexes', () => {
  it.each(listCatalogs().map((catalog) => [catalog.id, catalog] as const))(
    'the committed index of %s is what the catalogue and knowledge build today (else: npm run build:search-indexes)',
    (_id, catalog) => {
      const committed = PREBUILT.find((entry) => entry.catalogId === catalog.id);
      expect(committed, 'no prebuilt index for this shipped catalogue').toBeDefined();
      expect(committed).toEqual(JSON.parse(prebuiltIndexJson(catalog, DEFAULT_KNOWLEDGE_BASE)));
    },
  );

  it('answers from a loaded index exactly as from one built in place', () => {
    const loaded = createAskEngine();
    // Own knowledge object: the engine cannot use the prebuilt files and builds its index.
    const built = createAskEngine({ knowledge: { ...DEFAULT_KNOWLEDGE_BASE } });
    for (const question of [
      '寄宿生补助是多少钱',
      '助学贷款怎么申请',
      'national scholarship amount',
      '中職免學費嗎',
    ]) {
      const options = { locale: 'zh-CN' as const, hotline: '0000', asOf: new Date('2026-09-01') };
      expect(loaded.ask(question, options)).toEqual(built.ask(question, options));
    }
  });
});
