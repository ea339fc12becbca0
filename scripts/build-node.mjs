// Builds the Node entry into one ES module (dist/node/server.mjs) so `npm start` serves without tsx's loader
// hooks. better-sqlite3 stays external (a native addon), and so do wechaty and its puppets (optional, loaded with
// import() only when WECHATY_PUPPET is set); the SQL migrations are copied beside the bundle.
import { cpSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/node');

rmSync(out, { recursive: true, force: true });
await build({
  entryPoints: [join(root, 'src/entry/node.ts')],
  outfile: join(out, 'server.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  // A third less source for Node to read and compile on every start (the ready-to-serve time counts it). Names
  // stay as written, so logs and error names read the same; `npm start` maps stack traces back with the map.
  minifyWhitespace: true,
  minifySyntax: true,
  external: ['better-sqlite3', 'wechaty', 'wechaty-puppet-*'],
  // CommonJS packages inside an ES module bundle still call require() for Node's built-ins.
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
cpSync(join(root, 'src/db/migrations'), join(out, 'migrations'), { recursive: true });
