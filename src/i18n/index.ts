import { BUNDLED_LOCALES } from '#bundled-locales';
import { findMessage } from './find-message.js';
import { flattenMessages } from './flatten-messages.js';

export const LOCALES = ['zh-CN', 'zh-TW', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

export type MessageParams = Record<string, string | number>;

/** The contents of `locales/<locale>.json`, as parsed JSON. */
export type LocaleFiles = Partial<Record<Locale, object>>;

/** Each locale's file as parsed JSON, from installLocales; t() finds a key in it once, then keeps the template. */
const trees: LocaleFiles = {};
const flattened: Partial<Record<Locale, ReadonlyMap<string, string>>> = {};

/**
 * Every locale's messages by flattened key (`chat.greeting`), for checks that go over all of them (the tests);
 * worked out the first time a locale's map is read, as t() never needs it.
 */
export const MESSAGES = {} as Record<Locale, ReadonlyMap<string, string>>;
for (const locale of LOCALES) {
  Object.defineProperty(MESSAGES, locale, {
    enumerable: true,
    get: () => {
      flattened[locale] ??= flattenMessages(trees[locale] ?? {});
      return flattened[locale];
    },
  });
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Picks a supported locale from loose input such as `zh-Hant`, `zh_TW`, `en-US` or an Accept-Language header. */
export function matchLocale(input: string | null | undefined, fallback: Locale = DEFAULT_LOCALE): Locale {
  if (!input) return fallback;
  for (const part of input.split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase().replace('_', '-') ?? '';
    if (tag === 'zh-tw' || tag === 'zh-hk' || tag === 'zh-mo' || tag.startsWith('zh-hant')) return 'zh-TW';
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return fallback;
}

export function hasMessage(key: string): boolean {
  return LOCALES.every((locale) => findMessage(trees[locale], key) !== undefined);
}

/** A template cut once into its text and `{name}` placeholders, so each call only joins strings. */
type CompiledTemplate = (params: MessageParams) => string;
const compiled: Record<Locale, Map<string, CompiledTemplate>> = {
  'zh-CN': new Map(),
  'zh-TW': new Map(),
  en: new Map(),
};

/**
 * Takes in locale files, each replacing what that locale had. The bundled ones are taken in when this module
 * loads (#bundled-locales: all three files on Node); the Worker takes in all three from its static assets before
 * it serves anything (src/platform/worker/locales-from-assets.ts). A key not found falls back to zh-CN, then to
 * the key itself.
 */
export function installLocales(files: LocaleFiles): void {
  for (const locale of LOCALES) {
    const tree = files[locale];
    if (!tree) continue;
    trees[locale] = tree;
    delete flattened[locale];
    compiled[locale].clear();
  }
}

installLocales(BUNDLED_LOCALES);

function compile(template: string): CompiledTemplate {
  if (!template.includes('{')) return () => template;
  // split with a capturing group: even indexes are text, odd indexes are placeholder names.
  const parts = template.split(/\{(\w+)\}/);
  return (params) => {
    let out = parts[0]!;
    for (let i = 1; i < parts.length; i += 2) {
      const name = parts[i]!;
      out += (name in params ? String(params[name]) : `{${name}}`) + parts[i + 1]!;
    }
    return out;
  };
}

/** Translates `key`, filling `{name}` placeholders. A missing key shows the key itself, never a crash. */
export function t(locale: Locale, key: string, params: MessageParams = {}): string {
  let template = compiled[locale].get(key);
  if (!template) {
    template = compile(findMessage(trees[locale], key) ?? findMessage(trees[DEFAULT_LOCALE], key) ?? key);
    compiled[locale].set(key, template);
  }
  return template(params);
}

export type Translate = (key: string, params?: MessageParams) => string;

export function translatorFor(locale: Locale): Translate {
  return (key, params) => t(locale, key, params);
}

/**
 * What a chat can show. `buttons`: the web chat and LINE (buttons, quick replies). `text`: WeChat (the Official
 * Account and Wechaty), where options arrive numbered and the parent replies with a number or the words. The
 * flows are the same everywhere; a sentence that speaks of tapping has its text-chat wording under
 * `textChat.<its key>`, used on text channels (e.g. `textChat.flows.menu.prompt`).
 */
export type ChatSurface = 'buttons' | 'text';

export function surfaceOf(channel: 'web' | 'line' | 'wechat'): ChatSurface {
  return channel === 'wechat' ? 'text' : 'buttons';
}

/** As `t`, in the wording for what the channel can show. */
export function tOn(surface: ChatSurface, locale: Locale, key: string, params: MessageParams = {}): string {
  if (surface === 'text') {
    const textKey = `textChat.${key}`;
    if (findMessage(trees[DEFAULT_LOCALE], textKey) !== undefined) return t(locale, textKey, params);
  }
  return t(locale, key, params);
}
