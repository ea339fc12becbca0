import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SCRIPT = join(ROOT, 'test/support/promise-hooks-after-render.ts');

function renderInAProcess(...args: string[]): {
  page: string;
  consoleStatus: number | null;
  promiseHooks: boolean;
} {
  const output = execFileSync(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { cwd: ROOT });
  return JSON.parse(output.toString());
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

// Issue 13: hono/jsx's AsyncLocalStorage would turn promise hooks on for the whole Node process.
describe('hono/jsx without AsyncLocalStorage on Node', () => {
  it('renders the same page and leaves promise hooks off', () => {
    const plain = renderInAProcess();
    const without = renderInAProcess('--without-async-context');
    expect(without.page).toBe('<main><h1>明白</h1><p>Aid for your child</p></main>');
    expect(without.page).toBe(plain.page);
    // The check can tell: hono/jsx left alone turns them on.
    expect(plain.promiseHooks).toBe(true);
    expect(without.promiseHooks).toBe(false);
  });

  it('stays off after the console serves a logged-in teacher a page', () => {
    const served = renderInAProcess('--without-async-context', '--console-page');
    expect(served.consoleStatus).toBe(200);
    expect(served.promiseHooks).toBe(false);
  });

  it('is safe because no page uses JSX context, the one thing it carries across await', () => {
    const users = sourceFiles(join(ROOT, 'src')).filter((file) =>
      /import[^;]*\b(createContext|useContext)\b[^;]*from 'hono\/jsx/.test(readFileSync(file, 'utf8')),
    );
    expect(users).toEqual([]);
  });
});
