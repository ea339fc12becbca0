/**
 * Runs src/roster inside workerd (the Cloudflare Workers runtime, via Miniflare from wrangler's
 * dependencies), without the nodejs_compat flag, and checks it gives the same preview as Node: GBK
 * decoding, DecompressionStream for XLSX and everything else must work with web-standard APIs only.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { previewRosterFile, rosterTemplateXlsx } from '../../src/roster/index.js';
import { CLASSES, fixture } from './helpers.js';

// Both come with wrangler; they are listed in devDependencies so this test always runs.
const tools = { mf: await import('miniflare'), esbuild: await import('esbuild') };

const WORKER = `
import { previewRosterFile, rosterTemplateXlsx } from './index.ts';
export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === '/template.xlsx') return new Response(rosterTemplateXlsx());
    const classes = JSON.parse(url.searchParams.get('classes') ?? '[]');
    const bytes = new Uint8Array(await request.arrayBuffer());
    return Response.json(await previewRosterFile(bytes, { classes }));
  },
};`;

describe('src/roster on workerd', () => {
  it('previews CSV (GBK, UTF-8) and XLSX exactly as on Node', { timeout: 120_000 }, async () => {
    const built = await tools.esbuild.build({
      stdin: {
        contents: WORKER,
        resolveDir: fileURLToPath(new URL('../../src/roster/', import.meta.url)),
        loader: 'ts',
      },
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      write: false,
    });
    const script = built.outputFiles[0]?.text ?? '';
    const mf = new tools.mf.Miniflare({ modules: true, script, compatibilityDate: '2025-09-01' });
    try {
      const classes = encodeURIComponent(JSON.stringify(CLASSES));
      for (const name of [
        'excel-gbk.csv',
        'excel-gb18030-4byte.csv',
        'excel-big5.csv',
        'excel-utf8-bom.csv',
        'libreoffice-roster.xlsx',
        'bad-rows.csv',
      ]) {
        const bytes = fixture(name);
        const response = await mf.dispatchFetch(`http://roster.test/preview?classes=${classes}`, {
          method: 'POST',
          body: bytes,
        });
        const onWorkerd = await response.json();
        const onNode = JSON.parse(JSON.stringify(await previewRosterFile(bytes, { classes: CLASSES })));
        expect(onWorkerd, name).toEqual(onNode);
      }
      const template = await mf.dispatchFetch('http://roster.test/template.xlsx');
      expect(new Uint8Array(await template.arrayBuffer())).toEqual(rosterTemplateXlsx());
    } finally {
      await mf.dispose();
    }
  });
});
