import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

// Conformance and browser tests run the Node entry as production does: the bundle `npm start` builds.
export default function buildNodeEntry() {
  execFileSync(process.execPath, ['scripts/build-node.mjs'], {
    cwd: resolve(import.meta.dirname, '../..'),
    stdio: 'inherit',
  });
}
