import type { Locale } from '../src/i18n/index.js';
import type { AskResult } from '../src/policy/ask/index.js';
import questionsJson from './ask-questions.json' with { type: 'json' };

export interface AskCase {
  q: string;
  locale: Locale;
  /** A programme id, or `faq:<entry id>` for glossary/FAQ answers. */
  expect: string;
}

export const ASK_CASES: readonly AskCase[] = questionsJson.map((item) => ({
  q: item.q,
  locale: item.locale === 'zh-TW' ? 'zh-TW' : item.locale === 'en' ? 'en' : 'zh-CN',
  expect: item.expect,
}));

/** The id the bench compares with `expect`. */
export function topId(result: AskResult): string | undefined {
  if (!result.topMatch) return undefined;
  return result.topMatch.kind === 'programme' ? result.topMatch.id : `faq:${result.topMatch.id}`;
}
