import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

/** Builds dist/node/server.mjs the way `npm start` does, so benches measure what production runs. */
export function buildNodeBundle() {
  execFileSync('npm', ['run', '--silent', 'build:node'], { cwd: ROOT, stdio: 'inherit' });
}
