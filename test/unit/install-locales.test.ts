import { describe, expect, it } from 'vitest';
import en from '../../locales/en.json' with { type: 'json' };
import { findMessage } from '../../src/i18n/find-message.js';
import { hasMessage, installLocales, LOCALES, MESSAGES, t } from '../../src/i18n/index.js';

// The Worker takes in its locale files from its static assets on its first request
// (src/platform/worker/locales-from-assets.ts); these are the i18n calls that path relies on.

describe('finding a message in a locale file', () => {
  const tree = { chat: { greeting: 'Hello', menu: { title: 'Menu' } } };

  it('follows the dotted key into the parsed JSON', () => {
    expect(findMessage(tree, 'chat.greeting')).toBe('Hello');
    expect(findMessage(tree, 'chat.menu.title')).toBe('Menu');
  });

  it('finds nothing for a section, a missing key, a key past a string or an inherited property', () => {
    expect(findMessage(tree, 'chat.menu')).toBeUndefined();
    expect(findMessage(tree, 'chat.farewell')).toBeUndefined();
    expect(findMessage(tree, 'chat.greeting.length')).toBeUndefined();
    expect(findMessage(tree, 'constructor')).toBeUndefined();
    expect(findMessage(tree, 'chat.toString')).toBeUndefined();
    expect(findMessage(undefined, 'chat.greeting')).toBeUndefined();
  });
});

describe('taking in a locale at run time', () => {
  it('has every locale on Node, from the bundled files', () => {
    for (const locale of LOCALES) expect(MESSAGES[locale].size, locale).toBeGreaterThan(1000);
    expect(hasMessage('chat.greeting')).toBe(true);
  });

  it('replaces what t() answers, even for keys it already answered, and falls back to zh-CN for the rest', () => {
    const before = t('en', 'chat.greeting');
    expect(before).toBe(en.chat.greeting);
    try {
      installLocales({ en: { chat: { greeting: 'Replaced {name}' } } });
      expect(t('en', 'chat.greeting', { name: 'Li' })).toBe('Replaced Li');
      expect(t('en', 'chat.yes')).toBe(t('zh-CN', 'chat.yes'));
      expect(hasMessage('chat.yes')).toBe(false);
      expect([...MESSAGES.en.keys()]).toEqual(['chat.greeting']);
    } finally {
      installLocales({ en });
    }
    expect(t('en', 'chat.greeting')).toBe(before);
    expect(MESSAGES.en.size).toBe(MESSAGES['zh-CN'].size);
  });
});
