import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

// A mixed load against the real Node entry on a temporary database, loopback only: chat turns, policy questions,
// log-ins with wrong passwords and photo uploads, from a bounded number of concurrent clients for a bounded
// time. Prints requests/s (and as a ratio to /healthz, the cheapest request, measured in the same run), p50/p99
// per kind, and every error. Exits 1 on any 5xx, network error or crash.
//
//   npx tsx bench/load.ts [--seconds 20] [--concurrency 16]

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '20' }, concurrency: { type: 'string', default: '16' } },
});
const SECONDS = Number(values.seconds);
const CONCURRENCY = Number(values.concurrency);
const ROOT = resolve(import.meta.dirname, '..');

const TINY_PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='),
  (char) => char.charCodeAt(0),
);
const QUESTIONS = [
  '寄宿生生活补助一年多少钱',
  '什么是低保？',
  '中职学生免学费吗',
  '學前教育資助怎麼申請',
  'how much is the national grant',
  '助学金什么时候发',
];

type Kind = 'healthz' | 'chat' | 'ask' | 'login' | 'upload';

interface Sample {
  kind: Kind;
  status: number;
  ms: number;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function startServer(): Promise<{ base: string; child: ChildProcess; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mingbai-load-'));
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/entry/node.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      // Every client comes from 127.0.0.1 here; the per-conversation cap still applies.
      CHAT_UPLOADS_PER_ADDRESS_HOUR: '100000',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 240; attempt++) {
    if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode})`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { base, child, dataDir };
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error('server did not become healthy');
}

/** One simulated parent or attacker: picks a kind of request per turn, like a mixed crowd would. */
async function client(base: string, kinds: Kind[], until: number, samples: Sample[], errors: string[]) {
  let chat: { id: string; token: string } | null = null;
  const timed = async (kind: Kind, request: () => Promise<Response>) => {
    const started = performance.now();
    try {
      const response = await request();
      await response.arrayBuffer();
      samples.push({ kind, status: response.status, ms: performance.now() - started });
      return response;
    } catch (error) {
      errors.push(`${kind}: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  };
  const json = (body: unknown, token?: string) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const startChat = async () => {
    const started = performance.now();
    try {
      const response = await fetch(`${base}/api/chat/conversations`, json({}));
      const body = (await response.json()) as { conversationId: string; token: string };
      samples.push({ kind: 'chat', status: response.status, ms: performance.now() - started });
      return response.ok ? { id: body.conversationId, token: body.token } : null;
    } catch (error) {
      errors.push(`chat: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  };
  const say = (event: unknown) =>
    chat
      ? timed('chat', () =>
          fetch(`${base}/api/chat/conversations/${chat!.id}/messages`, json(event, chat!.token)),
        )
      : null;

  for (let turn = 0; Date.now() < until; turn++) {
    const kind = kinds[turn % kinds.length]!;
    if (kind === 'healthz') await timed('healthz', () => fetch(`${base}/healthz`));
    if (kind === 'ask') {
      const question = QUESTIONS[turn % QUESTIONS.length];
      await timed('ask', () => fetch(`${base}/api/ask`, json({ question })));
    }
    if (kind === 'login') {
      await timed('login', () =>
        fetch(`${base}/console/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
          body: new URLSearchParams({ username: `load-${turn % 7}`, password: 'wrong-password' }),
          redirect: 'manual',
        }),
      );
    }
    if (kind === 'chat' || kind === 'upload') {
      if (!chat || turn % 40 === 0) {
        chat = await startChat();
      }
      if (!chat) continue;
      if (kind === 'chat') {
        await say({ type: 'text', text: QUESTIONS[turn % QUESTIONS.length] });
        continue;
      }
      // To the photo step of "contact the aid officer", send a photo, then go back to send another.
      await say({ type: 'choice', value: 'cmd:menu' });
      await say({ type: 'choice', value: 'contact' });
      await say({ type: 'choice', value: 'policy' });
      await say({ type: 'text', text: '我想交证明材料' });
      const form = new FormData();
      form.append('file', new Blob([TINY_PNG], { type: 'image/png' }), 'photo.png');
      const conversation = chat;
      await timed('upload', () =>
        fetch(`${base}/api/chat/conversations/${conversation.id}/images`, {
          method: 'POST',
          headers: { authorization: `Bearer ${conversation.token}` },
          body: form,
        }),
      );
    }
  }
}

async function phase(base: string, kinds: Kind[], seconds: number) {
  const samples: Sample[] = [];
  const errors: string[] = [];
  const started = performance.now();
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, (_, index) =>
      client(
        base,
        [...kinds.slice(index % kinds.length), ...kinds.slice(0, index % kinds.length)],
        until,
        samples,
        errors,
      ),
    ),
  );
  return { samples, errors, seconds: (performance.now() - started) / 1000 };
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
}

function report(label: string, samples: Sample[]) {
  const times = samples.map((sample) => sample.ms).sort((a, b) => a - b);
  const byClass = new Map<string, number>();
  for (const sample of samples) {
    const key = `${Math.floor(sample.status / 100)}xx`;
    byClass.set(key, (byClass.get(key) ?? 0) + 1);
  }
  const classes = [...byClass].map(([key, count]) => `${key} ${count}`).join(', ');
  console.log(
    `  ${label.padEnd(8)} ${String(samples.length).padStart(6)} requests  p50 ${percentile(times, 0.5).toFixed(1)} ms  p99 ${percentile(times, 0.99).toFixed(1)} ms  (${classes})`,
  );
}

const server = await startServer();
let failed = false;
try {
  console.log(`load: ${CONCURRENCY} concurrent clients, Node entry at ${server.base} (temporary database)`);
  const peer = await phase(server.base, ['healthz'], Math.max(2, SECONDS / 5));
  const peerRate = peer.samples.length / peer.seconds;
  const mixed = await phase(server.base, ['chat', 'ask', 'login', 'chat', 'upload', 'ask'], SECONDS);
  const rate = mixed.samples.length / mixed.seconds;
  console.log(`peer /healthz: ${peerRate.toFixed(0)} requests/s`);
  console.log(
    `mixed: ${rate.toFixed(0)} requests/s over ${mixed.seconds.toFixed(1)} s, ${(rate / peerRate).toFixed(2)}× the /healthz rate`,
  );
  report('all', mixed.samples);
  for (const kind of ['chat', 'ask', 'login', 'upload'] as const) {
    report(
      kind,
      mixed.samples.filter((sample) => sample.kind === kind),
    );
  }
  const serverErrors = mixed.samples.filter((sample) => sample.status >= 500).length;
  const crashed = server.child.exitCode !== null;
  console.log(
    `errors: ${serverErrors} 5xx, ${mixed.errors.length} network errors, crashed: ${crashed ? 'yes' : 'no'}`,
  );
  for (const error of [...new Set(mixed.errors)].slice(0, 10)) console.log(`  ${error}`);
  failed = serverErrors > 0 || mixed.errors.length > 0 || peer.errors.length > 0 || crashed;
} finally {
  server.child.kill('SIGTERM');
  await new Promise((done) => server.child.once('close', done));
  rmSync(server.dataDir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
