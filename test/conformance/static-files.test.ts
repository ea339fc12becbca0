import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { nodeTarget, type Target, workerTarget } from '../support/targets.js';
import { makeTestDeps } from '../support/test-deps.js';

// What the Worker keeps out of its bundle must still reach the browser byte for byte as on Node: signature_pad,
// which it reads from its static assets, and the minified page code, which every runtime compiles in.

const PACKAGED_SIGNATURE_PAD = readFileSync(
  join(import.meta.dirname, '../../node_modules/signature_pad/dist/signature_pad.umd.min.js'),
  'utf8',
);

describe('static files on Node and on the Worker', () => {
  const targets: Target[] = [];
  const local = makeTestDeps();
  const app = createApp(local.deps);

  beforeAll(async () => {
    targets.push(nodeTarget(), workerTarget());
    await Promise.all(targets.map((target) => target.start()));
  });
  afterAll(async () => {
    await Promise.all(targets.map((target) => target.dispose()));
    local.close();
  });

  /** Status, the headers named, and the body of the same GET in-process, on Node and on the Worker. */
  async function everywhere(path: string, headers: string[]) {
    const responses = await Promise.all([
      app.request(path),
      ...targets.map((target) => fetch(`${target.baseUrl}${path}`)),
    ]);
    return Promise.all(
      responses.map(async (response) => ({
        status: response.status,
        headers: Object.fromEntries(headers.map((name) => [name, response.headers.get(name)])),
        body: await response.text(),
      })),
    );
  }

  it("serves signature_pad as the package's file, with the same headers, twice in a row", async () => {
    for (let round = 0; round < 2; round++) {
      const [inProcess, node, worker] = await everywhere('/n/assets/signature_pad.js', [
        'content-type',
        'cache-control',
        'etag',
        'x-content-type-options',
      ]);
      expect(inProcess!.status).toBe(200);
      expect(inProcess!.body).toBe(PACKAGED_SIGNATURE_PAD);
      expect(inProcess!.headers.etag).toBe('"signature_pad-5.1.4"');
      expect(node).toEqual(inProcess);
      expect(worker).toEqual(inProcess);
    }
  });

  it('keeps its static assets to itself', async () => {
    for (const target of targets) {
      expect((await fetch(`${target.baseUrl}/signature_pad.js`)).status).toBe(404);
    }
  });

  it('serves the same pages with the same inline code and the same script hashes in the CSP', async () => {
    for (const path of ['/chat', '/chat?lang=en']) {
      const [inProcess, node, worker] = await everywhere(path, ['content-security-policy']);
      expect(inProcess!.status).toBe(200);
      expect(inProcess!.body).toContain('window.MingbaiCards=');
      expect(node).toEqual(inProcess);
      expect(worker).toEqual(inProcess);
    }
  });
});
