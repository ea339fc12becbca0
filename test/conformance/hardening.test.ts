import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed-demo-school.js';
import { ConsoleClient } from '../support/console-client.js';
import { nodeTarget, type Target, workerTarget } from '../support/targets.js';

// Defence in depth, the same on both runtimes: page headers, no caching of names and codes, JSON only as JSON.

const targets: [string, () => Target][] = [
  ['node', () => nodeTarget()],
  ['worker', () => workerTarget({ SEED_DEMO: 'true' })],
];

describe.each(targets)('hardening on %s', (_name, makeTarget) => {
  let target: Target;

  beforeAll(async () => {
    target = makeTarget();
    await target.start();
  });
  afterAll(async () => {
    await target?.dispose();
  });

  it('sends a CSP that forbids framing, and no referrer, on every page', async () => {
    for (const path of ['/chat', '/console/login']) {
      const response = await fetch(`${target.baseUrl}${path}`);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("object-src 'none'");
      expect(csp, path).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
      expect(csp, path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });

  it('lets no browser or proxy keep console pages with names and live binding codes', async () => {
    const teacher = new ConsoleClient(
      (path, init) => fetch(`${target.baseUrl}${path}`, init),
      target.baseUrl,
    );
    expect((await teacher.logIn('demo-teacher', DEMO_PASSWORD)).status).toBe(303);
    const classPage = await teacher.get('/console/classes/demo_p3_2');
    expect(classPage.status).toBe(200);
    expect(classPage.headers.get('cache-control')).toBe('no-store');
    await classPage.text();
    const posted = await teacher.post('/console/classes/demo_p3_2/codes', { students: 'unbound' });
    expect(posted.status).toBe(303);
    const slips = await teacher.get(posted.headers.get('location') ?? '');
    expect(slips.status).toBe(200);
    expect(slips.headers.get('cache-control')).toBe('no-store');
    const started = await fetch(`${target.baseUrl}/api/chat/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(started.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses text/plain on the JSON APIs with 415 and a stable code', async () => {
    for (const path of ['/api/ask', '/api/eligibility', '/api/chat/conversations']) {
      const response = await fetch(`${target.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ question: '寄宿生生活补助' }),
      });
      expect(response.status, path).toBe(415);
      expect(await response.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
    }
    const json = await fetch(`${target.baseUrl}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ question: '寄宿生生活补助' }),
    });
    expect(json.status).toBe(200);
  });
});

/** Opens a raw TCP connection and resolves with everything the server sent once it closes. */
function rawSocket(baseUrl: string, send: (socket: ReturnType<typeof connect>) => void): Promise<string> {
  const url = new URL(baseUrl);
  return new Promise((resolve) => {
    let received = '';
    const socket = connect(Number(url.port), url.hostname, () => send(socket));
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => (received += chunk));
    socket.on('close', () => resolve(received));
    socket.on('error', () => {});
  });
}

describe('the Node server under slow and vanishing clients', () => {
  let target: Target;

  beforeAll(async () => {
    target = nodeTarget({ SEED_DEMO: 'false', HEADERS_TIMEOUT_SECONDS: '2', REQUEST_TIMEOUT_SECONDS: '3' });
    await target.start();
  });
  afterAll(async () => {
    await target?.dispose();
  });

  it('closes a connection whose headers never finish', async () => {
    const started = Date.now();
    const answer = await rawSocket(target.baseUrl, (socket) => {
      socket.write('POST /api/ask HTTP/1.1\r\nHost: x\r\n');
      // …and nothing more, like a slowloris client.
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('closes a connection whose body never finishes', async () => {
    const started = Date.now();
    const answer = await rawSocket(target.baseUrl, (socket) => {
      socket.write(
        'POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{',
      );
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(answer).toMatch(/408|^$/);
  });

  it('logs a client that aborts mid-body as one line, not as an unhandled error with a stack', async () => {
    await rawSocket(target.baseUrl, (socket) => {
      socket.write(
        'POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"question":"',
      );
      setTimeout(() => socket.destroy(), 200);
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const log = target.output();
    expect(log).toContain('client aborted the request');
    expect(log).not.toContain('unhandled error');
  });
});
