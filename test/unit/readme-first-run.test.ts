import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/platform/logger.js';
import { prepareSetupToken } from '../../src/setup/index.js';
import { makeTestDeps } from '../support/test-deps.js';

// The README's "Start a real county" steps must stay true: the log line it quotes is the one printed, and
// every `npm run admin` command it shows exists.
const README = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');

describe('README: starting a real county', () => {
  it('quotes the log line that carries the one-time setup token', async () => {
    const harness = makeTestDeps();
    try {
      const lines: string[] = [];
      const logger = createLogger('info', {}, (line) => lines.push(line));
      const token = await prepareSetupToken(
        { ...harness.deps, logger },
        'http://localhost:8787/console/setup',
      );
      expect(token).toMatch(/^[A-Za-z0-9_-]{24}$/);
      const printed = JSON.parse(lines[0]!) as { msg: string; setupToken: string; setupUrl: string };
      expect(printed.setupToken).toBe(token);
      expect(README).toContain(`"msg":"${printed.msg}"`);
      expect(README).toContain(`"setupUrl":"${printed.setupUrl}"`);
    } finally {
      harness.close();
    }
  });

  it('shows only operator commands the CLI has', () => {
    const cli = readFileSync(join(import.meta.dirname, '../../src/entry/admin-cli.ts'), 'utf8');
    const shown = [...README.matchAll(/npm run admin -- ([a-z-]+)/g)].map((match) => match[1]!);
    expect(new Set(shown)).toEqual(new Set(['list-accounts', 'create-account', 'reset-password']));
    for (const command of shown) expect(cli).toContain(`case '${command}':`);
    expect(README).toContain('npm start -- --no-demo');
  });
});
