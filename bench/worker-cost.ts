import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

// What a Worker costs before it does anything useful: the bundle wrangler would upload (target under 350 KiB
// gzip), the CPU an isolate spends on its first question (target under 10 ms; measured in a fresh V8 on Node,
// the engine workerd also runs), and one password hash at the cost stored in src/auth/password.ts.
// `npx tsx bench/worker-cost.ts`

const ROOT = resolve(import.meta.dirname, '..');

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

/** Runs a snippet in a fresh Node process and returns the CPU milliseconds it reports. */
function freshCpu(script: string): { [key: string]: number } {
  const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return JSON.parse(output.trim().split('\n').at(-1)!);
}

const FIRST_QUESTION = `
import { createAskEngine } from './src/policy/ask/index.ts';
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const before = cpu();
const engine = createAskEngine();
const built = cpu();
engine.ask('寄宿生补助是多少钱', { locale: 'zh-CN', hotline: '0000' });
const answered = cpu();
const again = cpu();
engine.ask('助学贷款怎么申请', { locale: 'zh-CN', hotline: '0000' });
console.log(JSON.stringify({ build: built - before, firstAsk: answered - built, secondAsk: cpu() - again }));
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
const runs = Array.from({ length: 3 }, () => freshCpu(FIRST_QUESTION));
const median = (key: string) => runs.map((run) => run[key]!).sort((a, b) => a - b)[1]!;
console.log(
  `first question in a fresh isolate: ${(median('build') + median('firstAsk')).toFixed(1)} ms CPU ` +
    `(index ${median('build').toFixed(1)} ms + answer ${median('firstAsk').toFixed(1)} ms; a later one ${median('secondAsk').toFixed(2)} ms; target < 10 ms)`,
);
const hash = freshCpu(PASSWORD_HASH);
console.log(`password check (PBKDF2-SHA256, as stored): ${hash.verify!.toFixed(1)} ms CPU per log-in`);
