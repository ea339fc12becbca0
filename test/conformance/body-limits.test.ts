import { Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { rawRequest, residentBytes, streamingBody } from '../support/streaming-body.js';
import { nodeTarget, type Target, workerTarget } from '../support/targets.js';
import { makeTestDeps } from '../support/test-deps.js';

// Every route that takes a body refuses an oversized one while it streams, before anything is buffered, and a
// refused request does not break the client's next request on the same keep-alive connection.

const FIFTY_MB = 50 * 1024 * 1024;

/** Every route of the real app that takes a body, with its parameters filled in. */
function bodyRoutes(): { method: string; path: string }[] {
  const test = makeTestDeps();
  try {
    const seen = new Set<string>();
    return createApp(test.deps)
      .routes.filter((route) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method))
      .map((route) => ({ method: route.method, path: route.path.replace(/:[a-zA-Z]+/g, 'x1') }))
      .filter((route) => {
        const key = `${route.method} ${route.path}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
  } finally {
    test.close();
  }
}

const ONE_MB = 1024 * 1024;

const targets: [string, () => Target][] = [
  ['node', () => nodeTarget({ SEED_DEMO: 'false' })],
  ['worker', () => workerTarget()],
];

describe.each(targets)('body limits on %s', (_name, makeTarget) => {
  let target: Target;
  const routes = bodyRoutes();

  beforeAll(async () => {
    target = makeTarget();
    await target.start();
  });
  afterAll(async () => {
    await target?.dispose();
  });

  it('knows the routes it is testing', () => {
    const paths = routes.map((route) => route.path);
    expect(paths).toContain('/console/login');
    expect(paths).toContain('/console/import');
    expect(paths).toContain('/api/chat/conversations/x1/images');
    expect(paths).toContain('/api/ask');
    expect(routes.length).toBeGreaterThan(15);
  });

  it('refuses a body over the limit on every route that takes one, signed in or not', async () => {
    // Forms and JSON get 16 KB, files their own maximum (8 MB photos, chat or /apply; 10 MB rosters; 1 MB catalogues).
    for (const route of routes) {
      const tooLarge = /\/images$|\/photos$|\/import$/.test(route.path) ? 11 * ONE_MB : 2 * ONE_MB;
      const response = await fetch(`${target.baseUrl}${route.path}`, {
        method: route.method,
        body: new Uint8Array(tooLarge).fill(0x61),
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: target.baseUrl },
      });
      expect({ route: route.path, status: response.status }).toEqual({ route: route.path, status: 413 });
      await response.body?.cancel();
    }
  });

  it('keeps a pooled keep-alive connection usable after an early 413', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const tooBig = await rawRequest(`${target.baseUrl}/api/ask`, {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question: 'x'.repeat(300 * 1024) }),
      });
      expect(tooBig.status).toBe(413);
      expect(JSON.parse(tooBig.body)).toMatchObject({ error: { code: 'body_too_large' } });
      // The next request goes over the same pool; a non-idempotent POST is never retried by the client.
      const next = await rawRequest(`${target.baseUrl}/api/ask`, {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question: '寄宿生生活补助是多少钱' }),
      });
      expect(next.status).toBe(200);
    } finally {
      agent.destroy();
    }
  });
});

// 50 MB against the real Node process. (Under `wrangler dev` a local proxy, not the Worker, handles the socket;
// on Cloudflare the edge caps bodies before the Worker runs.)
describe('50 MB bodies against the Node process', () => {
  let target: Target;
  const routes = bodyRoutes();

  beforeAll(async () => {
    target = nodeTarget({ SEED_DEMO: 'false' });
    await target.start();
  });
  afterAll(async () => {
    await target?.dispose();
  });

  it('answers 50 MB bodies on every route with a 413, holding little memory', async () => {
    // Warm up first, so the reading below measures what the bodies cost, not modules loading on first use.
    for (const route of routes) {
      await (
        await fetch(`${target.baseUrl}${route.path}`, { method: route.method, body: 'a=1' })
      ).body?.cancel();
    }
    const pid = target.pid()!;
    const before = residentBytes(pid);
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, residentBytes(pid));
    }, 20);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (const route of routes) {
        // As browsers send it: the length declared up front, the body streamed after it. Refused unread.
        const started = Date.now();
        const declared = await rawRequest(`${target.baseUrl}${route.path}`, {
          method: route.method,
          agent,
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: target.baseUrl },
          declaredLength: FIFTY_MB,
        });
        expect({ route: route.path, status: declared.status }).toEqual({ route: route.path, status: 413 });
        expect(declared.headers.connection).toBe('close');
        expect(Date.now() - started, route.path).toBeLessThan(1000);

        // Chunked, with no length: counted while the handler reads it, never buffered; a handler that refuses
        // first (no session, no token, not JSON) never reads it at all.
        const chunkedStarted = Date.now();
        const chunked = await fetch(`${target.baseUrl}${route.path}`, {
          method: route.method,
          body: streamingBody(FIFTY_MB),
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: target.baseUrl },
          duplex: 'half',
        } as RequestInit);
        expect(chunked.status, route.path).toBeGreaterThanOrEqual(400);
        expect(chunked.status, route.path).toBeLessThan(500);
        expect(Date.now() - chunkedStarted, route.path).toBeLessThan(1000);
        await chunked.body?.cancel();
      }
    } finally {
      clearInterval(sampler);
      agent.destroy();
    }
    const after = residentBytes(pid);
    console.log(`body limits: rss before ${before >> 20} MB, peak ${peak >> 20} MB, after ${after >> 20} MB`);
    // Refused bodies are read at most up to their route's limit (photo uploads allow about 10 MB), and the
    // allocator keeps what it freed, so the process grows by up to about 50 MB over all the routes. One whole
    // 50 MB body held would cost more than 64 MB at its peak: its chunks and the copy they are joined into.
    expect(peak - before).toBeLessThan(64 * ONE_MB);
    expect(after - before).toBeLessThan(64 * ONE_MB);
  });
});
