// Writes the search index of every shipped catalogue to src/policy/ask/prebuilt/<id>.json, the form
// src/policy/ask/prebuilt-indexes.ts loads. Run after changing a catalogue or the ask knowledge
// (aliases, FAQ, stopwords): `npm run build:search-indexes`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_KNOWLEDGE_BASE } from '../src/policy/ask/knowledge-base.js';
import { prebuiltIndexJson } from '../src/policy/ask/prebuilt-index-json.js';
import { listCatalogs } from '../src/policy/catalogs/index.js';

const dir = join(import.meta.dirname, '../src/policy/ask/prebuilt');
for (const catalog of listCatalogs()) {
  writeFileSync(join(dir, `${catalog.id}.json`), prebuiltIndexJson(catalog, DEFAULT_KNOWLEDGE_BASE));
  console.log(`wrote prebuilt/${catalog.id}.json`);
}
