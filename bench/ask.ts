import { createAskEngine } from '../src/policy/ask/index.js';
import { ASK_CASES, type AskCase, pickedAmount, topId } from './ask-cases.js';

// Prints every tuning question with its answer, but only totals for the held-out part: reading the held-out
// misses would be tuning on them. `--show-heldout` lists them too, for after the tuning is finished.

const HOTLINE = '0000-0000000';
const AS_OF = '2026-12-01';
const showHeldout = process.argv.includes('--show-heldout');
const engine = createAskEngine();
const ask = (item: AskCase) => engine.ask(item.q, { locale: item.locale, hotline: HOTLINE, asOf: AS_OF });

// Warm up so the first timings do not include JIT compilation.
for (const item of ASK_CASES) ask(item);

interface Tally {
  total: number;
  correct: number;
  amountTotal: number;
  amountCorrect: number;
  wrongHigh: number;
}
const tallies = { tuning: newTally(), heldout: newTally() };
const latencies: number[] = [];

for (const item of ASK_CASES) {
  const started = performance.now();
  const result = ask(item);
  latencies.push(performance.now() - started);
  const got = topId(result);
  const ok = got === item.expect;
  const tally = tallies[item.set];
  tally.total++;
  if (ok) tally.correct++;
  if (!ok && result.confidence === 'high') tally.wrongHigh++;
  let amountNote = '';
  if (item.amount !== undefined) {
    tally.amountTotal++;
    const picked = ok && pickedAmount(result, item.amount);
    if (picked) tally.amountCorrect++;
    else
      amountNote = ` amount: expected only ${item.amount}, quoted ${result.figures.map((f) => f.yuan ?? f.text).join(' / ') || 'none'}`;
  }
  if (item.set === 'heldout' && !showHeldout) continue;
  const mark = ok && !amountNote ? 'ok  ' : 'MISS';
  console.log(
    `${mark} ${item.set === 'heldout' ? 'H ' : ''}[${item.locale}] ${item.q}\n     → ${got ?? '(none)'} (${result.confidence} ${result.score})${ok ? '' : ` expected ${item.expect}`}${amountNote}`,
  );
}

function newTally(): Tally {
  return { total: 0, correct: 0, amountTotal: 0, amountCorrect: 0, wrongHigh: 0 };
}
const percent = (part: number, whole: number) =>
  whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)}%`;

latencies.sort((a, b) => a - b);
const at = (quantile: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor(quantile * latencies.length))] ?? 0;
console.log('');
for (const [name, tally] of Object.entries(tallies)) {
  console.log(
    `${name.padEnd(8)} top-1 accuracy: ${tally.correct}/${tally.total} = ${percent(tally.correct, tally.total)}` +
      `  (target ${name === 'tuning' ? '≥ 95%' : '≥ 90%'}); amount picked: ${tally.amountCorrect}/${tally.amountTotal}` +
      `; wrong with high confidence: ${tally.wrongHigh}`,
  );
}
const wrongHigh = tallies.tuning.wrongHigh + tallies.heldout.wrongHigh;
console.log(`wrong programme named with high confidence: ${wrongHigh} (target 0)`);
console.log(`latency: median ${at(0.5).toFixed(3)} ms, p95 ${at(0.95).toFixed(3)} ms`);
