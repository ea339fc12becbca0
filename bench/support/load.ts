import autocannon from 'autocannon';

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** Answers outside 2xx. */
  non2xx: number;
}

export interface LoadSpec {
  url: string;
  seconds: number;
  connections: number;
  /** Builds each request; called once per request, in order. */
  next: () => { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string };
}

/** Runs one bounded load against a loopback server and returns its figures. */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
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
  };
}
