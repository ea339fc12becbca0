import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hasMessage, LOCALES, MESSAGES, t, translatorFor } from '../../src/i18n/index.js';
import {
  formatRosterIssue,
  GUARDIAN_RELATIONS,
  ROSTER_FIELDS,
  ROSTER_FILE_ERROR_CODES,
  ROSTER_FILE_WARNING_CODES,
  ROSTER_ROW_ERROR_CODES,
  ROSTER_ROW_WARNING_CODES,
  rosterIssueKey,
} from '../../src/roster/index.js';

const ALL_CODES = [
  ...ROSTER_FILE_ERROR_CODES,
  ...ROSTER_FILE_WARNING_CODES,
  ...ROSTER_ROW_ERROR_CODES,
  ...ROSTER_ROW_WARNING_CODES,
];

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

describe('roster messages', () => {
  it('codes are unique', () => {
    expect(new Set(ALL_CODES).size).toBe(ALL_CODES.length);
  });

  it('every code, field and relation has a message in every locale', () => {
    const keys = [
      ...ALL_CODES.map(rosterIssueKey),
      ...ROSTER_FIELDS.map((f) => `roster.fields.${f}`),
      ...GUARDIAN_RELATIONS.map((r) => `roster.relations.${r}`),
      'roster.list_separator',
    ];
    expect(keys.filter((key) => !hasMessage(key))).toEqual([]);
  });

  it('locales use the same placeholders for each roster key', () => {
    for (const [key, zh] of MESSAGES['zh-CN']) {
      if (!key.startsWith('roster.')) continue;
      for (const locale of LOCALES) {
        expect(placeholders(MESSAGES[locale].get(key) ?? ''), `${locale} ${key}`).toEqual(placeholders(zh));
      }
    }
  });

  it('renders issues with localised column names', () => {
    const zh = translatorFor('zh-CN');
    expect(
      formatRosterIssue({ code: 'missing_columns', params: { columns: 'studentNumber,studentName' } }, zh),
    ).toBe('表头缺少必填的列：学号、学生姓名。请参照模板补上这些列。');
    expect(
      formatRosterIssue(
        { code: 'number_in_scientific_form', params: { value: '1.38E+10', column: 'guardianPhone' } },
        zh,
      ),
    ).toContain('监护人手机号显示为“1.38E+10”');
    const en = translatorFor('en');
    expect(formatRosterIssue({ code: 'missing_columns', params: { columns: 'className' } }, en)).toContain(
      'Class',
    );
    expect(t('zh-TW', 'roster.issues.duplicate_row', { firstLine: 3 })).toBe(
      '與第 3 行內容相同，只會匯入一次。',
    );
  });
});

describe('portability', () => {
  it('src/roster uses no Node built-ins', () => {
    const dir = fileURLToPath(new URL('../../src/roster/', import.meta.url));
    for (const name of readdirSync(dir)) {
      const source = readFileSync(dir + name, 'utf8');
      expect(source, name).not.toMatch(/from\s+['"](node:|fs|path|buffer|zlib|stream|crypto)['"/]/);
      expect(source, name).not.toMatch(/\b(require\(|Buffer\.|process\.)/);
    }
  });
});
