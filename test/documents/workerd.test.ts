/**
 * Runs src/documents inside workerd (via Miniflare, without nodejs_compat) and checks that every fixture, and a
 * truncated one, comes out byte for byte as on Node: the stripper uses web-standard APIs only.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stripPhotoMetadata } from '../../src/documents/index.js';
import { fixture } from './image-tools.js';

const tools = { mf: await import('miniflare'), esbuild: await import('esbuild') };
const MAX = 10 * 1024 * 1024;

const WORKER = `
import { stripPhotoMetadata } from './index.ts';
export default {
  async fetch(request) {
    const result = stripPhotoMetadata(new Uint8Array(await request.arrayBuffer()), { maxBytes: ${MAX} });
    if (!result.ok) return Response.json(result, { status: 422 });
    const { bytes, ...rest } = result.value;
    return new Response(bytes, { headers: { 'x-result': JSON.stringify(rest) } });
  },
};`;

describe('src/documents on workerd', () => {
  it('strips every fixture exactly as on Node', { timeout: 120_000 }, async () => {
    const built = await tools.esbuild.build({
      stdin: {
        contents: WORKER,
        resolveDir: fileURLToPath(new URL('../../src/documents/', import.meta.url)),
        loader: 'ts',
      },
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      write: false,
    });
    const mf = new tools.mf.Miniflare({
      modules: true,
      script: built.outputFiles[0]?.text ?? '',
      compatibilityDate: '2025-09-01',
    });
    try {
      for (const name of [
        'gps-orientation-6.jpg',
        'le-orientation-8.jpg',
        'metadata.png',
        'metadata.webp',
        'photo.heic',
      ]) {
        const bytes = fixture(name);
        const onNode = stripPhotoMetadata(bytes, { maxBytes: MAX });
        if (!onNode.ok) throw new Error(`${name}: ${onNode.reason}`);
        const response = await mf.dispatchFetch('http://documents.test/', { method: 'POST', body: bytes });
        expect(response.status, name).toBe(200);
        const { bytes: expected, ...rest } = onNode.value;
        expect(JSON.parse(response.headers.get('x-result') ?? '{}'), name).toEqual(rest);
        expect(new Uint8Array(await response.arrayBuffer()), name).toEqual(expected);
      }
      const truncated = fixture('gps-orientation-6.jpg').subarray(0, 1000);
      const refused = await mf.dispatchFetch('http://documents.test/', { method: 'POST', body: truncated });
      expect(await refused.json()).toEqual({ ok: false, reason: 'truncated' });
    } finally {
      await mf.dispose();
    }
  });
});
