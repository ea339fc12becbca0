import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { createNodeServer } from '../../src/platform/node/http-server.js';
import { makeTestDeps } from '../support/test-deps.js';

// Issue 13: on Node a declared-length body is read straight from the socket (src/platform/node/node-read-body.ts);
// whatever way a client sends it, the answer is the one the web Request path gives.
describe('request bodies on the Node server', () => {
  const harness = makeTestDeps();
  const app = createApp(harness.deps);
  const server = createNodeServer({
    fetch: app.fetch,
    hostname: '127.0.0.1',
    headersTimeoutMs: 5000,
    requestTimeoutMs: 10_000,
  });
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((closed) => server.close(closed));
    harness.close();
  });

  const question = JSON.stringify({ question: '初中住校生活补助一年多少钱', asOf: '2025-10-01' });

  /** Sends `pieces` one after the other, a few milliseconds apart; with a length header unless chunked. */
  function send(pieces: Buffer[], { chunked = false } = {}) {
    const total = pieces.reduce((sum, piece) => sum + piece.byteLength, 0);
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/ask',
        headers: { 'content-type': 'application/json', ...(chunked ? {} : { 'content-length': total }) },
      });
      request.on('error', reject);
      request.on('response', (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      });
      void (async () => {
        for (const piece of pieces) {
          request.write(piece);
          await new Promise((later) => setTimeout(later, 5));
        }
        request.end();
      })();
    });
  }

  it('reads a body sent in pieces, split inside a character, or chunked, as the web Request would', async () => {
    const expected = await (
      await app.request('/api/ask', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: question,
      })
    ).text();
    const bytes = Buffer.from(question);
    // Byte 14 falls inside 初 (three bytes in UTF-8).
    const pieces = [bytes.subarray(0, 14), bytes.subarray(14, 30), bytes.subarray(30)];
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
    for (const sent of [[bytes], pieces, [withBom]]) {
      expect(await send(sent)).toEqual({ status: 200, body: expected });
      expect(await send(sent, { chunked: true })).toEqual({ status: 200, body: expected });
    }
  });

  it('still refuses a body that is not JSON, or too long, with its stable code', async () => {
    const broken = await send([Buffer.from('{"question": ')]);
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body).error.code).toBe('invalid_json');
    const long = await send([Buffer.from(JSON.stringify({ question: 'x'.repeat(20_000) }))], {
      chunked: true,
    });
    expect(long.status).toBe(413);
    expect(JSON.parse(long.body).error.code).toBe('body_too_large');
  });
});
