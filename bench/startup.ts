import { buildNodeBundle } from './support/build-node-bundle.js';
import { startNodeEntry } from './support/node-entry.js';

// Ready-to-serve time of the Node entry as `npm start` runs it (the prebuilt bundle), on a fresh database:
// from spawning the process to the first healthy /healthz. Target: under one second.
// `npx tsx bench/startup.ts [runs, default 5]`

const RUNS = Number(process.argv[2] ?? 5);

async function measure(env: Record<string, string>): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const server = await startNodeEntry(env);
    times.push(server.readyMs);
    await server.stop();
  }
  return times.sort((a, b) => a - b);
}

buildNodeBundle();
for (const [label, env] of [
  ['fresh database, demo school seeded (npm start)', {}],
  ['fresh database, no demo (npm start -- --no-demo)', { SEED_DEMO: 'false' }],
] as const) {
  const times = await measure(env);
  const median = times[Math.floor(times.length / 2)]!;
  console.log(
    `${label}: median ${median.toFixed(0)} ms (min ${times[0]!.toFixed(0)}, max ${times.at(-1)!.toFixed(0)}, ${RUNS} runs)`,
  );
}
