import { coreOf, foldText, OPTION_WORDS, wordPattern } from './option-words.js';
import { scanWords, type WordedValue } from './scan-words.js';

/** How a typed reply to a choice step was read. Values are in the order of the options. */
export type ChoiceMatch =
  | { kind: 'chosen'; values: string[] }
  /** It asks something ("什么是低保？"): answer it, then ask the step's question again. */
  | { kind: 'question' }
  /** It names more than one option where only one may be chosen. */
  | { kind: 'ambiguous'; values: string[] }
  | { kind: 'unknown' };

/** Options that only stand in when nothing real was named: "低保，别的都没有" is 低保. */
const FALLBACK_VALUES = new Set(['none', 'unsure']);

const ZH_CUES = OPTION_WORDS.questionCues.zh.map(foldText);
const EN_CUE = new RegExp(`^(?:${OPTION_WORDS.questionCues.en.map(wordPattern).join('|')})(?![a-z])`);

/** A question mark, a Chinese question word anywhere, or an English one at the start. */
export function looksLikeQuestion(text: string): boolean {
  const folded = foldText(text);
  if (/[?？]\s*$/.test(folded)) return true;
  if (ZH_CUES.some((cue) => folded.includes(cue))) return true;
  return EN_CUE.test(folded);
}

const ZH_DIGITS = '一二三四五六七八九';

/** 一 … 九十九 as a number, or null. */
function chineseNumber(text: string): number | null {
  const match = text.match(/^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/);
  if (!match || text === '') return null;
  const [, first, ten, last] = match;
  if (!ten) return first && !last ? ZH_DIGITS.indexOf(first) + 1 : null;
  return (first ? ZH_DIGITS.indexOf(first) + 1 : 1) * 10 + (last ? ZH_DIGITS.indexOf(last) + 1 : 0);
}

const LIST = /^\d{1,2}(?:\s*(?:[,、;/+&]|和|及|与|跟|and)\s*\d{1,2}|\s+\d{1,2})+$/;
const PLACE =
  /^(?:(?:选择|选)?第\s*(\d{1,2}|[一二三四五六七八九十]+)\s*(?:个|项|种|条|号)?(?:选项)?|(?:选择|选)\s*(\d{1,2}|[一二三四五六七八九十]+)|(\d{1,2}|[一二三四五六七八九十]+)\s*(?:号|号选项))$/;
const EN_PLACE = /^(?:option|number|no\.?|choice|#)\s*(\d{1,2})$/;
const EN_ORDINAL = /^(?:the\s+)?([a-z]+)(?:\s+(?:one|option|choice))?$/;

/** Option numbers (1-based, as shown) in a reply: "2", "第二个", "选2", "option 2", "second", "1、3". */
function optionNumbers(core: string, count: number): number[] | null {
  let numbers: number[] | null = null;
  if (/^\d{1,2}$/.test(core)) numbers = [Number(core)];
  else if (LIST.test(core)) numbers = (core.match(/\d{1,2}/g) ?? []).map(Number);
  else {
    const place = core.match(PLACE) ?? core.match(EN_PLACE);
    const digits = place?.slice(1).find((part) => part !== undefined);
    if (digits !== undefined) {
      const number = /^\d+$/.test(digits) ? Number(digits) : chineseNumber(digits);
      if (number !== null) numbers = [number];
    } else {
      const word = core.match(EN_ORDINAL)?.[1] ?? core;
      const ordinal = OPTION_WORDS.ordinals[word] ?? OPTION_WORDS.ordinals[core];
      if (ordinal !== undefined) numbers = [ordinal === -1 ? count : ordinal];
    }
  }
  return numbers;
}

function chosen(values: string[], options: readonly WordedValue[], multiple: boolean): ChoiceMatch {
  let distinct = options.map((option) => option.value).filter((value) => values.includes(value));
  if (distinct.length === 0) return { kind: 'unknown' };
  if (distinct.length > 1) {
    const real = distinct.filter((value) => !FALLBACK_VALUES.has(value));
    if (real.length > 0) distinct = real;
  }
  if (!multiple && distinct.length > 1) return { kind: 'ambiguous', values: distinct };
  return { kind: 'chosen', values: distinct };
}

/**
 * Reads a typed reply to a choice step. In order: option numbers; the whole reply as one of an option's
 * words or labels; a question ("什么是低保？"), which is never taken as an answer; then option words found
 * inside the reply ("孩子上初二了", and for a multiple choice "低保，单亲").
 */
export function matchChoice(text: string, options: readonly WordedValue[], multiple = false): ChoiceMatch {
  const folded = foldText(text);
  const core = coreOf(folded);
  if (!core) return { kind: 'unknown' };

  const numbers = optionNumbers(core, options.length);
  if (numbers) {
    const picked = numbers.map((number) => options[number - 1]?.value);
    if (picked.some((value) => value === undefined)) return { kind: 'unknown' };
    return chosen(picked as string[], options, multiple);
  }

  const whole = options.filter((option) => option.words.some((word) => word.core === core));
  if (whole.length > 0)
    return chosen(
      whole.map((option) => option.value),
      options,
      multiple,
    );

  if (looksLikeQuestion(folded)) return { kind: 'question' };

  const values = scanWords(folded, options);
  if (multiple) {
    // Short answers listed together ("无、是") only match whole, so look at each part too.
    for (const part of folded.split(/[,，、;；/]|和|及|还有|\s+/)) {
      const partCore = coreOf(part);
      for (const option of options) {
        if (partCore && option.words.some((word) => word.core === partCore)) values.push(option.value);
      }
    }
  }
  return chosen(values, options, multiple);
}
