// wrangler.toml's [build] command: gathers the Worker's static assets in dist/worker-assets/, which the Worker
// reads through its ASSETS binding and never serves to the web. They are the locale files (read once per
// isolate: src/platform/worker/locales-from-assets.ts) and signature_pad's browser build (the guardian's signing
// page: src/platform/worker/signature-pad-from-assets.ts), kept out of the bundle that way. `wrangler dev` runs it
// again when a locale file changes ([build] watch_dir). Only files whose bytes changed are written.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/worker-assets');

/** Asset name → the file it is a copy of. */
const ASSETS = {
  ...Object.fromEntries(
    readdirSync(join(root, 'locales'))
      .filter((name) => name.endsWith('.json'))
      .map((name) => [name, `locales/${name}`]),
  ),
  'signature_pad.js': 'node_modules/signature_pad/dist/signature_pad.umd.min.js',
};

mkdirSync(out, { recursive: true });
for (const [name, source] of Object.entries(ASSETS)) {
  const bytes = readFileSync(join(root, source));
  const target = join(out, name);
  let current;
  try {
    current = readFileSync(target);
  } catch {}
  if (!current?.equals(bytes)) writeFileSync(target, bytes);
}
