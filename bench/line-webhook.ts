import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import {
  type DeliveredMessage,
  lineEvents,
  lineSignature,
  startLineSimulator,
  webhookBody,
} from '../tools/line-sim/index.js';
import { buildNodeBundle } from './support/build-node-bundle.js';
import { startNodeEntry, startProcess } from './support/node-entry.js';

// The same signed LINE webhook load (one text event per request) to Mingbai's Node entry and to a peer built
// like the LINE SDK's echo-bot example (Express + the SDK's middleware + replyMessage), both pointed at the same
// loopback simulator. An event counts as replied when its reply reaches the simulator: Mingbai acknowledges
// first and replies from its job queue after the full conversation turn; the echo bot replies inside the request.
// Two rounds, interleaved, so a drift of a shared machine's speed hits both alike; the medians are compared.
// Loopback only, bounded in time.   `npx tsx bench/line-webhook.ts [seconds per run, default 8]`

const ROOT = resolve(import.meta.dirname, '..');
const SECONDS = Number(process.argv[2] ?? 8);
const CONCURRENCY = 16;
const ROUNDS = 2;
const USERS = 64;
const SECRET = 'bench-line-channel-secret';
const TOKEN = 'bench-line-access-token';

buildNodeBundle();
const sim = await startLineSimulator({
  channelAccessToken: TOKEN,
  channelId: '1650000000',
  rateLimitPerSecond: 1e9,
});
const users = Array.from({ length: USERS }, (_, index) =>
  sim.addUser({ language: 'zh-CN', displayName: `家长${index}` }),
);
const waiting = new Map<string, () => void>();
sim.onDeliver((message: DeliveredMessage) => {
  if (message.replyToken) waiting.get(message.replyToken)?.();
});
const lineEnv = {
  LINE_CHANNEL_SECRET: SECRET,
  LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
  PUBLIC_URL: 'https://mingbai.example.edu.cn',
  LINE_API_BASE_URL: sim.url,
  LINE_DATA_API_BASE_URL: sim.url,
};

interface Result {
  name: string;
  replied: number;
  perSecond: number;
  p50: number;
  p99: number;
  failed: number;
}

/** CONCURRENCY loops, each: post one signed text event, wait for its reply at the simulator, repeat. */
async function run(name: string, url: string): Promise<Result> {
  const latencies: number[] = [];
  let failed = 0;
  const until = performance.now() + SECONDS * 1000;
  const texts = ['你好', '初中住校生活补助一年多少钱', '菜单', '资助要交钱吗'];
  const loop = async (worker: number) => {
    for (let turn = 0; performance.now() < until; turn++) {
      const user = users[(worker * 7 + turn) % USERS]!;
      const replyToken = sim.issueReplyToken(user.userId);
      const body = webhookBody([lineEvents.text(user.userId, texts[turn % texts.length]!, { replyToken })]);
      const started = performance.now();
      const replied = new Promise<void>((done) => waiting.set(replyToken, done));
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-line-signature': lineSignature(body, SECRET) },
        body,
      });
      await response.arrayBuffer();
      const timeout = new Promise<'timeout'>((done) => setTimeout(() => done('timeout'), 10_000));
      const outcome = response.ok ? await Promise.race([replied, timeout]) : 'timeout';
      waiting.delete(replyToken);
      if (outcome === 'timeout') failed++;
      else latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, worker) => loop(worker)));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    name,
    replied: latencies.length,
    perSecond: latencies.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
    failed,
  };
}

const mingbai = await startNodeEntry({ ...lineEnv, SEED_DEMO: 'false', LOG_LEVEL: 'warn' });
const echo = await startProcess(process.execPath, [join(ROOT, 'bench/support/line-echo-bot.mjs')], lineEnv);
try {
  // Warm both (JIT, first conversations), then measure them one after the other.
  await run('warm-up', `${mingbai.baseUrl}/webhook/line`);
  await run('warm-up', `${echo.baseUrl}/callback`);
  const load = () =>
    loadavg()
      .map((value) => value.toFixed(2))
      .join(' ');
  console.log(`load averages at the start: ${load()}`);
  const ratios: { rate: number; p99: number }[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const ours = await run('Mingbai (full flow, via job queue)', `${mingbai.baseUrl}/webhook/line`);
    const peer = await run('SDK echo bot (Express + middleware)', `${echo.baseUrl}/callback`);
    for (const result of [ours, peer]) {
      console.log(
        `round ${round}  ${result.name.padEnd(38)} ${result.perSecond.toFixed(0).padStart(6)} events/s replied   p50 ${result.p50.toFixed(1)} ms   p99 ${result.p99.toFixed(1)} ms   (${result.replied} replied, ${result.failed} unanswered)`,
      );
    }
    ratios.push({ rate: ours.perSecond / peer.perSecond, p99: ours.p99 / peer.p99 });
  }
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  };
  console.log(
    `ratio Mingbai / echo bot (median of ${ROUNDS} rounds): ${median(ratios.map((ratio) => ratio.rate)).toFixed(2)}× events/s (target ≥ 1.0×), p99 ${median(ratios.map((ratio) => ratio.p99)).toFixed(2)}×`,
  );
  console.log(`load averages at the end: ${load()}`);
} finally {
  await mingbai.stop();
  await echo.stop();
  await sim.close();
}
