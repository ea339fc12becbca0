import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRANSITION_ACTIONS } from '../../src/applications/review-chain.js';
import { actionLabel } from '../../src/audit/describe-audit-entry.js';
import { LOCALES, translatorFor } from '../../src/i18n/index.js';

// The audit page names every action in words ("导出回执档案", not `notice.receipts.export`). The codes are
// read from the source as it is written (`action: 'x.y'`, `? 'x.y' : 'x.z'`, an audit helper's first literal),
// plus the review chain's transitions, which are written as `application.<action>`.
const SRC = join(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : /\.tsx?$/.test(entry.name)
        ? [join(dir, entry.name)]
        : [],
  );
}

function writtenActions(): Set<string> {
  const codes = new Set<string>();
  const line = /(?:\baction:|audit\w*\(c,)[^,{\n]*/g;
  for (const file of sourceFiles(SRC)) {
    for (const [match] of readFileSync(file, 'utf8').matchAll(line)) {
      for (const [, code] of match.matchAll(/'([a-z_]+\.[a-z_]+(?:\.[a-z_]+)?)'/g)) codes.add(code!);
    }
  }
  for (const action of TRANSITION_ACTIONS) codes.add(`application.${action}`);
  return codes;
}

describe('audit action names', () => {
  it('finds the actions the code writes', () => {
    const codes = writtenActions();
    expect(codes).toContain('notice.receipts.export');
    expect(codes).toContain('application.approve');
    expect(codes.size).toBeGreaterThan(80);
  });

  it.each(LOCALES)('names every written action in %s', (locale) => {
    const t = translatorFor(locale);
    const unnamed = [...writtenActions()].filter((code) => actionLabel(t, code) === code);
    expect(unnamed).toEqual([]);
  });
});
