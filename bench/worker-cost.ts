import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildSync } from 'esbuild';

// What a Worker costs before it does anything useful: the bundle wrangler would upload (target under 350 KiB
// gzip) and the static assets it reads once per isolate, the CPU an isolate spends starting and on its first
// question (target under 10 ms; measured in a fresh V8 on Node, the engine workerd also runs), and one password
// hash at the cost stored in src/auth/password.ts.
// `npx tsx bench/worker-cost.ts`

const ROOT = resolve(import.meta.dirname, '..');
/** The locale files the Worker reads from its static assets (scripts/build-worker-assets.mjs copies them there). */
const ASSETS = join(ROOT, 'locales');
const ASSET_LOCALES = ['zh-CN', 'zh-TW', 'en'];

function bundleSize() {
  const out = mkdtempSync(join(tmpdir(), 'mingbai-worker-'));
  try {
    execFileSync(join(ROOT, 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', out], {
      cwd: ROOT,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' },
      stdio: 'pipe',
    });
    const bytes = readFileSync(join(out, 'worker.js'));
    return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Runs a snippet in a fresh Node process (through tsx) and returns the CPU milliseconds it reports. */
function freshCpu(script: string): { [key: string]: number } {
  const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return JSON.parse(output.trim().split('\n').at(-1)!);
}

function assetsSize() {
  const files = ASSET_LOCALES.map((locale) => readFileSync(join(ASSETS, `${locale}.json`)));
  return files.reduce((sum, bytes) => sum + gzipSync(bytes, { level: 9 }).length, 0);
}

/**
 * Bundles a snippet with esbuild, as wrangler does (with wrangler.toml's locale alias), and runs it in a fresh
 * Node process: no loader hooks, so the CPU it reports is the code's own, cold (Node 20's V8 has fewer compiler
 * tiers than workerd's: an upper bound).
 */
function freshBundleCpu(script: string): { [key: string]: number } {
  const out = mkdtempSync(join(tmpdir(), 'mingbai-isolate-'));
  try {
    const outfile = join(out, 'isolate.mjs');
    buildSync({
      stdin: { contents: script, resolveDir: ROOT, loader: 'ts' },
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      alias: { '#bundled-locales': './src/platform/worker/bundled-locales.ts' },
      external: ['node:*'],
      outfile,
      logLevel: 'warning',
    });
    const output = execFileSync(process.execPath, [outfile], { encoding: 'utf8' });
    return JSON.parse(output.trim().split('\n').at(-1)!);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const CPU = 'const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };';
const ASK = "{ locale: 'zh-CN', hotline: '0000' }";

// What the Worker does: the global scope warms the shipped engine (src/entry/worker.ts); the isolate's first
// request takes in the locales read from the static assets (their bytes are read here before the clock starts,
// as the asset fetch is I/O; the JSON parsing is counted), then questions come.
const WARMED_ISOLATE = `${CPU}
import { readFileSync } from 'node:fs';
const texts = ${JSON.stringify(ASSET_LOCALES)}.map((locale) => [locale, readFileSync('locales/' + locale + '.json', 'utf8')]);
const started = cpu();
const { askEngineFor, warmShippedAskEngine } = await import('./src/policy-api/shared-ask-engine.ts');
const { getDefaultCatalog } = await import('./src/policy/index.ts');
const { installLocales } = await import('./src/i18n/index.ts');
const loaded = cpu();
warmShippedAskEngine();
const warmed = cpu();
installLocales(Object.fromEntries(texts.map(([locale, text]) => [locale, JSON.parse(text)])));
const localesIn = cpu();
const shipped = { catalog: getDefaultCatalog(), source: 'shipped' };
askEngineFor(shipped).ask('助学贷款怎么申请', ${ASK});
const first = cpu();
askEngineFor(shipped).ask('what is the national scholarship', ${ASK});
console.log(JSON.stringify({ modules: loaded - started, warm: warmed - loaded, locales: localesIn - warmed, firstAsk: first - localesIn, secondAsk: cpu() - first }));
`;

// Without the warm-up: the first question builds the engine, loads the index (on first use) and runs every line cold.
const COLD_ISOLATE = `${CPU}
const { createAskEngine } = await import('./src/policy/ask/index.ts');
const before = cpu();
const engine = createAskEngine();
const built = cpu();
engine.ask('助学贷款怎么申请', ${ASK});
console.log(JSON.stringify({ build: built - before, firstAsk: cpu() - built }));
`;

const PASSWORD_HASH = `
import { hashPassword, verifyPassword } from './src/auth/password.ts';
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const stored = await hashPassword('warm-up');
const runs = 5;
const before = cpu();
for (let i = 0; i < runs; i++) await verifyPassword('warm-up', stored);
console.log(JSON.stringify({ verify: (cpu() - before) / runs }));
`;

const size = bundleSize();
console.log(
  `worker bundle: ${(size.raw / 1024).toFixed(2)} KiB, gzip ${(size.gzip / 1024).toFixed(2)} KiB (target < 350 KiB gzip)`,
);
console.log(
  `static assets the Worker reads once per isolate (locales ${ASSET_LOCALES.join(', ')}): gzip ${(assetsSize() / 1024).toFixed(2)} KiB`,
);
const median = (runs: { [key: string]: number }[], key: string) =>
  runs.map((run) => run[key]!).sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
const warmedRuns = Array.from({ length: 5 }, () => freshBundleCpu(WARMED_ISOLATE));
const coldRuns = Array.from({ length: 5 }, () => freshBundleCpu(COLD_ISOLATE));
const warmed = (key: string) => median(warmedRuns, key);
const cold = (key: string) => median(coldRuns, key);
console.log(
  `isolate start (global scope, its own 1 s budget): ${(warmed('modules') + warmed('warm')).toFixed(1)} ms CPU ` +
    `(modules ${warmed('modules').toFixed(1)} ms + warming the ask engine ${warmed('warm').toFixed(1)} ms)`,
);
console.log(
  `first question in a fresh isolate: ${(warmed('locales') + warmed('firstAsk')).toFixed(1)} ms CPU (target < 10 ms: ` +
    `taking in the locales ${warmed('locales').toFixed(1)} ms + the question ${warmed('firstAsk').toFixed(1)} ms; a later one ` +
    `${warmed('secondAsk').toFixed(2)} ms; without the warm-up ${(cold('build') + cold('firstAsk')).toFixed(1)} ms: ` +
    `engine ${cold('build').toFixed(1)} ms + index and answer ${cold('firstAsk').toFixed(1)} ms); medians of 5 fresh processes`,
);
const hash = freshCpu(PASSWORD_HASH);
console.log(`password check (PBKDF2-SHA256, as stored): ${hash.verify!.toFixed(1)} ms CPU per log-in`);
