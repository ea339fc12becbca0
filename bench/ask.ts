import { createAskEngine } from '../src/policy/ask/index.js';
import { ASK_CASES, topId } from './ask-cases.js';

const HOTLINE = '0000-0000000';
const engine = createAskEngine();

// Warm up so the first timings do not include JIT compilation.
for (const item of ASK_CASES) engine.ask(item.q, { locale: item.locale, hotline: HOTLINE });

const latencies: number[] = [];
let correct = 0;
for (const item of ASK_CASES) {
  const started = performance.now();
  const result = engine.ask(item.q, { locale: item.locale, hotline: HOTLINE });
  latencies.push(performance.now() - started);
  const got = topId(result);
  const ok = got === item.expect;
  if (ok) correct++;
  console.log(
    `${ok ? 'ok  ' : 'MISS'} [${item.locale}] ${item.q}\n     → ${got ?? '(none)'} (${result.confidence} ${result.score})${ok ? '' : ` expected ${item.expect}`}`,
  );
}

latencies.sort((a, b) => a - b);
const at = (quantile: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor(quantile * latencies.length))] ?? 0;
console.log(
  `\naccuracy: ${correct}/${ASK_CASES.length} = ${((100 * correct) / ASK_CASES.length).toFixed(1)}%`,
);
console.log(`latency: median ${at(0.5).toFixed(3)} ms, p95 ${at(0.95).toFixed(3)} ms`);
