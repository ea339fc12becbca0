import { createAskEngine } from '../src/policy/ask/index.js';

const e = createAskEngine();
for (const q of process.argv.slice(2)) {
  const r = e.ask(q, { locale: (process.env.L as 'en') ?? 'zh-CN', hotline: '0000', asOf: '2026-12-01' });
  console.log(
    q,
    JSON.stringify({
      top: r.topMatch,
      c: r.confidence,
      s: r.score,
      facts: r.facts,
      intent: r.intent,
      figures: r.figures.map((f) => f.yuan),
    }),
  );
  if (process.env.V) console.log(r.answer, JSON.stringify(r.sources, null, 1));
}

import { DEFAULT_KNOWLEDGE_BASE } from '../src/policy/ask/knowledge-base.js';
import { buildSearchIndex } from '../src/policy/ask/search-index.js';
import { createTextAnalyzer } from '../src/policy/ask/text-analyzer.js';
import { getCatalog } from '../src/policy/index.js';

if (process.env.H) {
  const a = createTextAnalyzer(DEFAULT_KNOWLEDGE_BASE);
  const idx = buildSearchIndex(getCatalog('cn-national')!, DEFAULT_KNOWLEDGE_BASE, a);
  for (const q of process.argv.slice(2)) {
    console.log(a.tokenize(q));
    for (const h of idx.search(q).slice(0, 4)) console.log(h.id, h.score.toFixed(2), JSON.stringify(h.match));
  }
}
