import { describe, expect, it } from 'vitest';
import { LOCALES, MESSAGES, t } from '../../src/i18n/index.js';

describe('locales', () => {
  it('have exactly the same keys in zh-CN, zh-TW and en', () => {
    const all = new Set(LOCALES.flatMap((locale) => [...MESSAGES[locale].keys()]));
    const missing = LOCALES.flatMap((locale) =>
      [...all].filter((key) => !MESSAGES[locale].has(key)).map((key) => `${locale}: ${key}`),
    );
    expect(missing).toEqual([]);
  });

  it('use the same placeholders in every locale', () => {
    // Dates are written differently: English uses zero-padded parts that Chinese does not.
    const formatted = new Set(['policy.describe.date']);
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    const mismatched = [...MESSAGES['zh-CN'].keys()].filter((key) => {
      if (formatted.has(key)) return false;
      const expected = placeholders(MESSAGES['zh-CN'].get(key) ?? '');
      return LOCALES.some(
        (locale) => placeholders(MESSAGES[locale].get(key) ?? '').join() !== expected.join(),
      );
    });
    expect(mismatched).toEqual([]);
  });

  it('never send parents to 12309, which is not an aid line', () => {
    for (const locale of LOCALES) {
      expect([...MESSAGES[locale].values()].filter((text) => text.includes('12309'))).toEqual([]);
    }
  });

  it('fills placeholders and falls back to the key instead of crashing', () => {
    expect(t('en', 'chat.ask.no_answer', { question: 'Q', hotline: '123' })).toContain('123');
    expect(t('zh-TW', 'no.such.key')).toBe('no.such.key');
  });
});
