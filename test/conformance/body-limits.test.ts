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

const targets: [string, () => Target][] = [
  ['node', () => nodeTarget({ SEED_DEMO: 'false' })],
  ['worker', () => workerTarget()],
];

describe.each(targets)('body limits on %s', (name, makeTarget) => {
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

  it('answers a streamed 50 MB body on every route with a 413 within a second, holding little memory', async () => {
    // Warm up first, so the reading below measures what the bodies cost, not modules loading on first use.
    for (const route of routes) {
      await (await fetch(`${target.baseUrl}${route.path}`, { method: route.method, body: 'a=1' })).body?.cancel();
    }
    const pid = target.pid();
    const before = name === 'node' && pid ? residentBytes(pid) : 0;
    let peak = before;
    const sampler = setInterval(() => {
      if (name === 'node' && pid) peak = Math.max(peak, residentBytes(pid));
    }, 20);
    try {
      for (const route of routes) {
        const started = Date.now();
        const response = await fetch(`${target.baseUrl}${route.path}`, {
          method: route.method,
          body: streamingBody(FIFTY_MB),
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: target.baseUrl },
          duplex: 'half',
        } as RequestInit);
        const elapsed = Date.now() - started;
        expect({ route: route.path, status: response.status }).toEqual({ route: route.path, status: 413 });
        expect(elapsed, route.path).toBeLessThan(1000);
        await response.body?.cancel();
      }
    } finally {
      clearInterval(sampler);
    }
    if (name === 'node') {
      const after = pid ? residentBytes(pid) : 0;
      console.log(`body limits: rss before ${before >> 20} MB, peak ${peak >> 20} MB, after ${after >> 20} MB`);
      expect(peak - before).toBeLessThan(50 * 1024 * 1024);
      expect(after - before).toBeLessThan(50 * 1024 * 1024);
    }
  });

  it('refuses a declared 50 MB Content-Length unread', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (const path of ['/console/login', '/api/chat/conversations', '/console/import']) {
        const started = Date.now();
        const answer = await rawRequest(`${target.baseUrl}${path}`, {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: target.baseUrl },
          declaredLength: FIFTY_MB,
        });
        expect({ path, status: answer.status }).toEqual({ path, status: 413 });
        expect(Date.now() - started).toBeLessThan(1000);
      }
    } finally {
      agent.destroy();
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
