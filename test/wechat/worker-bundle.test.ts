import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// Wechaty is Node only (a long-lived process with gRPC streams): the Worker must never bundle it. (The Node
// bundle leaves it external: scripts/build-node.mjs.)

const ROOT = join(import.meta.dirname, '../..');

describe('bundles and the optional wechaty package', () => {
  it('the Worker entry pulls in no wechaty module at all', async () => {
    const result = await build({
      entryPoints: [join(ROOT, 'src/entry/worker.ts')],
      bundle: true,
      write: false,
      metafile: true,
      format: 'esm',
      platform: 'neutral',
      conditions: ['workerd', 'worker', 'browser'],
      mainFields: ['module', 'main'],
      external: ['cloudflare:*', 'node:*'],
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((path) => path.includes('src/channels/wechat-oa/'))).toBe(true);
    expect(inputs.filter((path) => /wechaty|src\/channels\/wechaty\//.test(path))).toEqual([]);
  });
});
