import { describe, expect, it } from 'vitest';
import { renderMessages } from '../../src/conversation/render-messages.js';
import { LOCALES, MESSAGES, surfaceOf, t, tOn } from '../../src/i18n/index.js';

// WeChat text chats have no buttons: a sentence that speaks of tapping has its own wording under textChat.*,
// used on text channels (see ChatSurface in src/i18n/index.ts).

const TEXT_PREFIX = 'textChat.';
/** What a parent reads in a chat (not the console, not the web pages' own controls). */
const CHAT_KEYS = [
  'chat.',
  'flows.',
  'validation.',
  'ask.',
  'limits.',
  'errors.',
  'wechat.',
  'inbox.',
  'noticeReminders.card_',
  'notices.card.',
  'applications.status_message.',
  'applications.page.done',
];
const NOT_CHAT = ['chat.page.'];
const SPEAKS_OF_TAPPING = /按钮|按鈕|点「|點「|点最|點最|\btap\b|button/i;

const chatKeys = [...MESSAGES['zh-CN'].keys()].filter(
  (key) =>
    CHAT_KEYS.some((prefix) => key.startsWith(prefix)) && !NOT_CHAT.some((prefix) => key.startsWith(prefix)),
);

describe('wording for what the channel can show', () => {
  it('gives every text-chat wording a base sentence with the same placeholders', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const locale of LOCALES) {
      for (const [key, text] of MESSAGES[locale]) {
        if (!key.startsWith(TEXT_PREFIX)) continue;
        const base = MESSAGES[locale].get(key.slice(TEXT_PREFIX.length));
        expect(base, `${locale} ${key}`).toBeDefined();
        expect(placeholders(text), `${locale} ${key}`).toEqual(placeholders(base!));
      }
    }
  });

  it('never asks a WeChat parent to tap a button', () => {
    expect(chatKeys.length).toBeGreaterThan(200);
    const untrue = LOCALES.flatMap((locale) =>
      chatKeys
        .filter((key) => SPEAKS_OF_TAPPING.test(tOn('text', locale, key)))
        .map((key) => `${locale} ${key}: ${tOn('text', locale, key)}`),
    );
    expect(untrue).toEqual([]);
  });

  it('keeps the buttons wording where there are buttons', () => {
    expect(surfaceOf('web')).toBe('buttons');
    expect(surfaceOf('line')).toBe('buttons');
    expect(surfaceOf('wechat')).toBe('text');
    expect(tOn('buttons', 'zh-CN', 'flows.menu.prompt')).toBe(t('zh-CN', 'flows.menu.prompt'));
    expect(tOn('buttons', 'zh-CN', 'flows.menu.prompt')).toContain('按钮');
    expect(tOn('text', 'zh-CN', 'flows.menu.prompt')).not.toContain('按钮');
    // A key with no text-chat wording reads the same on both.
    expect(tOn('text', 'en', 'flows.bind.code_prompt')).toBe(t('en', 'flows.bind.code_prompt'));
  });

  it('renders the same flow step for each surface', () => {
    const spec = {
      type: 'choices' as const,
      key: 'validation.choice_unknown',
      numbered: true,
      options: [{ value: 'a', label: '父亲' }],
    };
    const [web] = renderMessages([spec], 'zh-TW', 'buttons');
    const [wechat] = renderMessages([spec], 'zh-TW', 'text');
    expect(web).toMatchObject({ type: 'choices', text: expect.stringContaining('按鈕') });
    expect(wechat).toMatchObject({
      type: 'choices',
      text: `${t('zh-TW', 'textChat.validation.choice_unknown')}\n1. 父亲`,
    });
  });
});
