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
  };
}

function cpuPerRequest(before: number | null, pid: number | undefined, requests: number): number | null {
  const after = pid ? processCpuMicros(pid) : null;
  return before === null || after === null || requests === 0 ? null : (after - before) / requests;
}
