import type { Locale } from '../src/i18n/index.js';
import type { AskResult } from '../src/policy/ask/index.js';
import questionsJson from './ask-questions.json' with { type: 'json' };

export interface AskCase {
  q: string;
  locale: Locale;
  /**
   * A programme id, `faq:<entry id>` for glossary/FAQ answers, `overview:<stage>` for a bare stage,
   * `out_of_scope` for programmes run by someone else, `small_talk` for greetings, thanks and the like.
   */
  expect: string;
  /** The figure (yuan) the answer must pick when the question's facts decide it. */
  amount?: number;
  /** `heldout` questions were written before tuning and are never tuned on. */
  set: 'tuning' | 'heldout';
}

export const ASK_CASES: readonly AskCase[] = questionsJson.map((item) => ({
  q: item.q,
  locale: item.locale === 'zh-TW' ? 'zh-TW' : item.locale === 'en' ? 'en' : 'zh-CN',
  expect: item.expect,
  ...('amount' in item && typeof item.amount === 'number' ? { amount: item.amount } : {}),
  set: 'set' in item && item.set === 'heldout' ? 'heldout' : 'tuning',
}));

/** The id the bench compares with `expect`. */
export function topId(result: AskResult): string | undefined {
  const match = result.topMatch;
  if (!match) return undefined;
  switch (match.kind) {
    case 'programme':
      return match.id;
    case 'glossary':
    case 'faq':
      return `faq:${match.id}`;
    case 'overview':
      return `overview:${match.id}`;
    case 'out_of_scope':
    case 'small_talk':
      return match.kind;
  }
}

/** The answer picked exactly the expected figure (only one figure quoted, and it is that one). */
export function pickedAmount(result: AskResult, amount: number): boolean {
  return result.figures.length === 1 && result.figures[0]?.yuan === amount;
}
