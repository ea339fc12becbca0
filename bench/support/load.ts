import autocannon from 'autocannon';
import { processCpuMicros } from './process-cpu.js';

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** Answers outside 2xx. */
  non2xx: number;
  /** CPU the server process spent per answered request, in µs; null when not measured. */
  cpuMicrosPerRequest: number | null;
  /** Answered requests and the seconds they took, so that slices of one load can be added up. */
  requests: number;
  seconds: number;
}

export interface LoadSpec {
  url: string;
  seconds: number;
  connections: number;
  /** Builds each request; called once per request, in order. */
  next: () => { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string };
  /** The server's process, to measure the CPU it spends per request. */
  pid?: number;
}

/** Runs one bounded load against a loopback server and returns its figures. */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const cpuBefore = spec.pid ? processCpuMicros(spec.pid) : null;
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.seconds,
    requests: [
      {
        setupRequest: (request) => {
          const built = spec.next();
          return { ...request, ...built, headers: { ...request.headers, ...built.headers } };
        },
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    cpuMicrosPerRequest: cpuPerRequest(cpuBefore, spec.pid, result.requests.total),
    requests: result.requests.total,
    seconds: result.duration,
  };
}

/**
 * Two loads measured in alternating slices (A B B A A B …), each given `seconds` in all, and each added up over
 * its slices: this machine's speed drifts by up to 2× within seconds, and slices this short put both loads
 * through the same drift, which one measurement of each after the other does not. The p99 is the worst slice's.
 */
export async function runAlternating(
  a: LoadSpec,
  b: LoadSpec,
  slices: number,
): Promise<{ a: LoadResult; b: LoadResult }> {
  const runs: { a: LoadResult[]; b: LoadResult[] } = { a: [], b: [] };
  for (let slice = 0; slice < slices; slice++) {
    const order = slice % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const);
    for (const which of order) {
      const spec = which === 'a' ? a : b;
      runs[which].push(await runLoad({ ...spec, seconds: spec.seconds / slices }));
    }
  }
  return { a: addedUp(runs.a), b: addedUp(runs.b) };
}

function addedUp(slices: LoadResult[]): LoadResult {
  const sum = (pick: (slice: LoadResult) => number) =>
    slices.reduce((total, slice) => total + pick(slice), 0);
  const requests = sum((slice) => slice.requests);
  const cpuKnown = slices.every((slice) => slice.cpuMicrosPerRequest !== null);
  const p50s = slices.map((slice) => slice.p50).sort((x, y) => x - y);
  return {
    requestsPerSecond: requests / sum((slice) => slice.seconds),
    p50: p50s[Math.floor((p50s.length - 1) / 2)] ?? 0,
    p99: Math.max(...slices.map((slice) => slice.p99)),
    errors: sum((slice) => slice.errors),
    non2xx: sum((slice) => slice.non2xx),
    cpuMicrosPerRequest:
      cpuKnown && requests > 0
        ? sum((slice) => (slice.cpuMicrosPerRequest ?? 0) * slice.requests) / requests
        : null,
    requests,
    seconds: sum((slice) => slice.seconds),
  };
}

function cpuPerRequest(before: number | null, pid: number | undefined, requests: number): number | null {
  const after = pid ? processCpuMicros(pid) : null;
  return before === null || after === null || requests === 0 ? null : (after - before) / requests;
}
