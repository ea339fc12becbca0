/**
 * Runs src/identity inside workerd (via Miniflare, without nodejs_compat): a value encrypted there opens on Node and
 * the other way round, and the blind index is the same on both, so one database serves both runtimes.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createResidentIdVault, maskResidentId, validateResidentId } from '../../src/identity/index.js';

const tools = { mf: await import('miniflare'), esbuild: await import('esbuild') };
const ID = '11010519491231002X'; // the GB 11643-1999 specimen, not a person's number
const KEYS = [
  { id: 'k2025', secret: btoa(String.fromCharCode(...new Uint8Array(32).fill(1))) },
  { id: 'k2026', secret: btoa(String.fromCharCode(...new Uint8Array(32).fill(2))) },
];

const WORKER = `
import { createResidentIdVault, maskResidentId, validateResidentId } from './index.ts';
export default {
  async fetch(request) {
    const { keys, stored, id } = await request.json();
    const vault = await createResidentIdVault({ keys, currentKeyId: 'k2026' });
    return Response.json({
      validation: validateResidentId(id, new Date('2026-12-01T00:00:00Z')),
      mask: maskResidentId(id),
      opened: await vault.decrypt(stored, 'application:a1'),
      written: await vault.encrypt(id, 'application:a1'),
      index: await vault.blindIndex(id),
    });
  },
};`;

describe('src/identity on workerd', () => {
  it('validates, masks, encrypts, decrypts and indexes exactly as on Node', {
    timeout: 120_000,
  }, async () => {
    const built = await tools.esbuild.build({
      stdin: {
        contents: WORKER,
        resolveDir: fileURLToPath(new URL('../../src/identity/', import.meta.url)),
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
      const vault = await createResidentIdVault({ keys: KEYS, currentKeyId: 'k2026' });
      const oldVault = await createResidentIdVault({ keys: KEYS.slice(0, 1), currentKeyId: 'k2025' });
      const stored = await oldVault.encrypt(ID, 'application:a1');
      const response = await mf.dispatchFetch('http://identity.test/', {
        method: 'POST',
        body: JSON.stringify({ keys: KEYS, stored, id: ID }),
      });
      const onWorkerd = (await response.json()) as Record<string, unknown>;
      expect(onWorkerd.validation).toEqual(validateResidentId(ID, new Date('2026-12-01T00:00:00Z')));
      expect(onWorkerd.mask).toBe(maskResidentId(ID));
      expect(onWorkerd.opened).toBe(ID);
      expect(await vault.decrypt(String(onWorkerd.written), 'application:a1')).toBe(ID);
      expect(onWorkerd.index).toBe(await vault.blindIndex(ID));
    } finally {
      await mf.dispose();
    }
  });
});
