import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../src/i18n/index.js';
import { createAskEngine } from '../../src/policy/index.js';

// The Worker's global scope warms the ask engine with only the zh-CN sections compiled into it
// (src/platform/worker/bundled-locales.ts), and takes in the locale files on its first request. What the warm-up
// worked out and kept (the sources lines of describe-sources.ts, compiled templates) must then read exactly as on
// Node, where every file is there from the start: a section missing from the Worker's list would leave keys in
// them.

const ROOT = join(import.meta.dirname, '../..');
const ALIAS = { '#bundled-locales': './src/platform/worker/bundled-locales.ts' };
const AS_OF = '2025-09-01T00:00:00Z';
const QUESTIONS: [string, Locale][] = [
  ['寄宿生补助是多少钱', 'zh-CN'],
  ['助学贷款怎么申请', 'zh-CN'],
  ['寄宿生补助是多少钱', 'en'],
  ['寄宿生補助是多少錢', 'zh-TW'],
];

const WORKER_LIKE = `
import { readFileSync } from 'node:fs';
import { installLocales, LOCALES } from './src/i18n/index.ts';
import { getDefaultCatalog } from './src/policy/index.ts';
import { askEngineFor, warmShippedAskEngine } from './src/policy-api/shared-ask-engine.ts';
warmShippedAskEngine();
installLocales(Object.fromEntries(LOCALES.map((locale) => [locale, JSON.parse(readFileSync('locales/' + locale + '.json', 'utf8'))])));
const engine = askEngineFor({ catalog: getDefaultCatalog(), source: 'shipped' });
const asked = ${JSON.stringify(QUESTIONS)}.map(([question, locale]) =>
  engine.ask(question, { locale, hotline: '0000', asOf: new Date('${AS_OF}') }));
console.log(JSON.stringify(asked));
`;

describe("the Worker's locales", () => {
  it('are aliased in wrangler.toml as this test bundles them', () => {
    expect(readFileSync(join(ROOT, 'wrangler.toml'), 'utf8')).toContain(
      `"#bundled-locales" = "${ALIAS['#bundled-locales']}"`,
    );
  });

  it('give the same answers after the warm-up as Node gives with every file from the start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mingbai-worker-locales-'));
    try {
      const outfile = join(dir, 'worker-like.mjs');
      await build({
        stdin: { contents: WORKER_LIKE, resolveDir: ROOT, loader: 'ts' },
        bundle: true,
        format: 'esm',
        platform: 'neutral',
        mainFields: ['module', 'main'],
        alias: ALIAS,
        external: ['node:*'],
        outfile,
        logLevel: 'warning',
      });
      const output = execFileSync(process.execPath, [outfile], { cwd: ROOT, encoding: 'utf8' });
      const workerAnswers = JSON.parse(output.trim().split('\n').at(-1) ?? '[]');

      const engine = createAskEngine();
      const nodeAnswers = QUESTIONS.map(([question, locale]) =>
        engine.ask(question, { locale, hotline: '0000', asOf: new Date(AS_OF) }),
      );
      expect(workerAnswers).toEqual(JSON.parse(JSON.stringify(nodeAnswers)));
      expect(output).not.toMatch(/\b(?:policy|sources|ask)\.[a-z]+\.[a-zA-Z]/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
