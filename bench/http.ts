import { join, resolve } from 'node:path';
import { ChatClient } from '../test/support/chat-client.js';
import { ConsoleClient, codesOnPage } from '../test/support/console-client.js';
import { buildNodeBundle } from './support/build-node-bundle.js';
import { type LoadResult, type LoadSpec, runAlternating, runLoad } from './support/load.js';
import { startNodeEntry, startProcess } from './support/node-entry.js';
import {
  ASK_BODIES,
  ELIGIBILITY_BODIES,
  ELIGIBILITY_BODIES_ON_MANY_DAYS,
} from './support/policy-requests.js';

// Every HTTP path people wait on, measured against a bare Hono JSON echo in the same run (the ceiling), two
// rounds, and within each the echo and the path in alternating slices, so a drift of the machine's speed hits
// both alike. Each path first runs uncounted for a few seconds (and the echo too), as on a server that has been
// up for a while: the JIT has compiled its code. Loopback only, bounded in time.
// `npx tsx bench/http.ts [seconds per path, default 8] [only these paths: comma-separated parts of their names]`

const ROOT = resolve(import.meta.dirname, '..');
const SECONDS = Number(process.argv[2] ?? 8);
const ONLY = process.argv[3]?.split(',').filter((part) => part !== '');
const CONNECTIONS = 20;
const ROUNDS = 2;
/** Slices per round: the echo and the path take turns (A B B A), SECONDS / SLICES each. */
const SLICES = 4;
const WARM_UP_SECONDS = 3;
const CONVERSATIONS = 200;

const json = (body: unknown) => ({
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

const jsonText = (body: string) => ({ headers: { 'content-type': 'application/json' }, body });
const FREE_TEXT = ['住校生补贴咋申请', '什么是低保？', '营养餐有没有'];

/** Round-robin over a list: with 20 connections in flight and 200 items, no item is used twice at once. */
function roundRobin<T>(items: T[]) {
  let index = 0;
  return () => items[index++ % items.length]!;
}

async function prepareMingbai(baseUrl: string) {
  const fetcher = (path: string, init?: RequestInit) => fetch(`${baseUrl}${path}`, init);
  const chats: ChatClient[] = [];
  for (let i = 0; i < CONVERSATIONS; i++) {
    const chat = new ChatClient(fetcher);
    await chat.start('zh-CN');
    chats.push(chat);
  }

  const teacher = new ConsoleClient(fetcher, baseUrl);
  const login = await teacher.logIn('demo-teacher', 'mingbai-demo');
  if (login.status !== 303) throw new Error(`demo teacher log-in failed: ${login.status}`);
  const cookie = (teacher as unknown as { cookie: string }).cookie;

  // One valid code, checked over and over: the code step, then 返回 to the code step again.
  const classPage = await teacher.get('/console/classes/demo_p3_2');
  await classPage.text();
  // Printing is a POST-redirect-GET: the slips are on the print's own page.
  const posted = await teacher.post('/console/classes/demo_p3_2/codes', { students: 'all' });
  const printed = await teacher.get(posted.headers.get('location') ?? '');
  const code = codesOnPage(await printed.text())[0];
  if (!code) throw new Error('no binding code printed');
  const binders: { chat: ChatClient; atCode: boolean }[] = [];
  for (let i = 0; i < CONVERSATIONS; i++) {
    const chat = new ChatClient(fetcher);
    await chat.start('zh-CN');
    await chat.choose('cmd:bind');
    binders.push({ chat, atCode: true });
  }
  return { chats, cookie, code, binders };
}

function mingbaiPaths(setup: Awaited<ReturnType<typeof prepareMingbai>>): Record<string, LoadSpec['next']> {
  const eligibility = roundRobin([...ELIGIBILITY_BODIES_ON_MANY_DAYS]);
  const askedBefore = roundRobin([...ELIGIBILITY_BODIES]);
  const question = roundRobin([...ASK_BODIES]);
  const chat = roundRobin(setup.chats);
  const text = roundRobin(FREE_TEXT);
  const binder = roundRobin(setup.binders);
  return {
    'POST /api/eligibility': () => ({
      method: 'POST',
      path: '/api/eligibility',
      ...jsonText(eligibility()),
    }),
    // What a card that lists programmes needs (?fields=, README "Policy API"), beside the full answer above.
    'POST /api/eligibility?fields=…': () => ({
      method: 'POST',
      path: '/api/eligibility?fields=programId,name,verdict,amount',
      ...jsonText(eligibility()),
    }),
    // The 36 bodies again and again: after the first round their answers are kept, as a school's repeated
    // questions would be.
    'POST /api/eligibility (asked before)': () => ({
      method: 'POST',
      path: '/api/eligibility',
      ...jsonText(askedBefore()),
    }),
    'POST /api/ask': () => ({ method: 'POST', path: '/api/ask', ...jsonText(question()) }),
    'chat turn (free text)': () => {
      const client = chat();
      const request = json({ type: 'text', text: text() });
      return {
        method: 'POST',
        path: `/api/chat/conversations/${client.conversationId}/messages`,
        headers: { ...request.headers, authorization: `Bearer ${client.token}` },
        body: request.body,
      };
    },
    'console class page (teacher)': () => ({
      method: 'GET',
      path: '/console/classes/demo_p3_2',
      headers: { cookie: setup.cookie },
    }),
    'binding-code check (chat turn)': () => {
      const next = binder();
      const request = json(
        next.atCode ? { type: 'text', text: setup.code } : { type: 'choice', value: 'cmd:back' },
      );
      next.atCode = !next.atCode;
      return {
        method: 'POST',
        path: `/api/chat/conversations/${next.chat.conversationId}/messages`,
        headers: { ...request.headers, authorization: `Bearer ${next.chat.token}` },
        body: request.body,
      };
    },
  };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const micros = (value: number | null) => (value === null ? '–' : `${value.toFixed(0)} µs`);
/** The median of the values measured; null when none was (no /proc). */
const medianOrNull = (values: (number | null)[]) => {
  const known = values.filter((value) => value !== null);
  return known.length === 0 ? null : median(known);
};
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

interface Pair {
  echo: LoadResult;
  path: LoadResult;
}

async function main() {
  buildNodeBundle();
  const echo = await startProcess(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'bench/support/echo-server.ts')],
    {},
  );
  const mingbai = await startNodeEntry();
  try {
    const paths = Object.entries(mingbaiPaths(await prepareMingbai(mingbai.baseUrl))).filter(
      ([name]) => !ONLY || ONLY.some((part) => name.includes(part)),
    );
    const pairs = new Map<string, Pair[]>();
    const echoBody = roundRobin([...ELIGIBILITY_BODIES]);
    const echoNext = () => ({ method: 'POST' as const, path: '/echo', ...jsonText(echoBody()) });
    // Uncounted: the echo once, each path once.
    await runLoad({ url: echo.baseUrl, seconds: WARM_UP_SECONDS, connections: CONNECTIONS, next: echoNext });
    for (const [, next] of paths)
      await runLoad({ url: mingbai.baseUrl, seconds: WARM_UP_SECONDS, connections: CONNECTIONS, next });
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [name, next] of paths) {
        const { a: ceiling, b: result } = await runAlternating(
          { url: echo.baseUrl, seconds: SECONDS, connections: CONNECTIONS, next: echoNext, pid: echo.pid },
          { url: mingbai.baseUrl, seconds: SECONDS, connections: CONNECTIONS, next, pid: mingbai.pid },
          SLICES,
        );
        pairs.set(name, [...(pairs.get(name) ?? []), { echo: ceiling, path: result }]);
        console.log(
          `round ${round}  ${name.padEnd(36)} ${result.requestsPerSecond.toFixed(0).padStart(6)} req/s  ` +
            `p50 ${ms(result.p50)}  p99 ${ms(result.p99)}  ratio ${(result.requestsPerSecond / ceiling.requestsPerSecond).toFixed(2)}  ` +
            `(echo ${ceiling.requestsPerSecond.toFixed(0)} req/s)  CPU ${micros(result.cpuMicrosPerRequest)}/request ` +
            `(echo ${micros(ceiling.cpuMicrosPerRequest)})  errors ${result.errors}  non-2xx ${result.non2xx}`,
        );
      }
    }
    console.log(`\nNode entry ready to serve a fresh database in ${ms(mingbai.readyMs)}`);
    console.log(
      `summary: ${ROUNDS} rounds × ${SECONDS} s a path (in ${SLICES} slices alternating with the echo, after ${WARM_UP_SECONDS} s ` +
        `uncounted), ${CONNECTIONS} connections, medians of the rounds; p99 of the worst slice`,
    );
    console.log(
      `${'path'.padEnd(38)} ${'req/s'.padStart(7)} ${'p50'.padStart(9)} ${'p99'.padStart(9)}  ratio to echo` +
        '   server CPU per request (echo / it)',
    );
    const echoRuns = [...pairs.values()].flat().map((pair) => pair.echo);
    console.log(
      `${'Hono JSON echo (ceiling)'.padEnd(38)} ${median(echoRuns.map((run) => run.requestsPerSecond))
        .toFixed(0)
        .padStart(
          7,
        )}${' '.repeat(35)}${micros(medianOrNull(echoRuns.map((run) => run.cpuMicrosPerRequest)))}`,
    );
    for (const [name, runs] of pairs) {
      const rate = median(runs.map((run) => run.path.requestsPerSecond));
      const ratio = median(runs.map((run) => run.path.requestsPerSecond / run.echo.requestsPerSecond));
      const p50 = median(runs.map((run) => run.path.p50));
      const p99 = median(runs.map((run) => run.path.p99));
      const failed = runs.reduce((sum, run) => sum + run.path.errors + run.path.non2xx, 0);
      const cpu = medianOrNull(runs.map((run) => run.path.cpuMicrosPerRequest));
      const cpuRatio = medianOrNull(
        runs.map((run) =>
          run.path.cpuMicrosPerRequest && run.echo.cpuMicrosPerRequest
            ? run.echo.cpuMicrosPerRequest / run.path.cpuMicrosPerRequest
            : null,
        ),
      );
      console.log(
        `${name.padEnd(38)} ${rate.toFixed(0).padStart(7)} ${ms(p50).padStart(9)} ${ms(p99).padStart(9)}  ${ratio.toFixed(2).padEnd(15)}` +
          `   ${micros(cpu)} (${cpuRatio === null ? '–' : cpuRatio.toFixed(2)})` +
          (failed ? `  (${failed} failed requests)` : ''),
      );
    }
  } finally {
    await mingbai.stop();
    await echo.stop();
  }
}

await main();
