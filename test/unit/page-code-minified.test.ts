import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { minifiedModule, minifiedPath, PAGE_CODE_SOURCES } from '../../scripts/minify-page-code.js';

const ROOT = join(import.meta.dirname, '../..');

// Pages serve the committed minified copies of their inline scripts and styles; each must be what its readable
// source gives today, so an edit to the source is never lost on the way to the browser.
describe('minified page code', () => {
  it.each(PAGE_CODE_SOURCES)(
    'the committed copy of %s is up to date (else: npm run build:page-code)',
    async (source) => {
      const committed = readFileSync(join(ROOT, minifiedPath(source)), 'utf8');
      expect(committed).toBe(await minifiedModule(source));
    },
  );

  it('has every export of its source', async () => {
    for (const source of PAGE_CODE_SOURCES) {
      const readable = await import(join(ROOT, source));
      const minified = await import(join(ROOT, minifiedPath(source)));
      expect(Object.keys(minified).sort()).toEqual(Object.keys(readable).sort());
    }
  });

  it('is what the app imports: no module of src/ imports a readable source', () => {
    const readableImport = new RegExp(
      `from '[^']*/(${PAGE_CODE_SOURCES.map((source) => basename(source, '.ts')).join('|')})\\.js'`,
    );
    const files = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter((file) =>
      /\.tsx?$/.test(file),
    );
    const importers = files.filter((file) =>
      readableImport.test(readFileSync(join(ROOT, 'src', file), 'utf8')),
    );
    expect(importers).toEqual([]);
  });
});
