import { normalizeBindingCode } from '../binding/binding-code.js';
import { LOCALES, t } from '../i18n/index.js';
import { validateResidentId } from '../identity/index.js';
import type { JsonValue, Vars } from './conversation-state.js';
import type { AskStep, TextValidatorName } from './flow-schema.js';
import { matchChoice } from './match-choice.js';
import { type InboundEvent, MAX_TEXT_CHARS } from './messages.js';
import { type OptionWord, optionWord, vocabularyWords } from './option-words.js';
import type { WordedValue } from './scan-words.js';

/**
 * A reply either gives the step its value or a localized reason to ask again; it never throws at the user.
 * `question` marks typed text that asks something instead of answering, which a step may answer.
 */
export type ReplyResult =
  | { ok: true; value: JsonValue; next?: string | undefined }
  | { ok: false; reason: string; question?: true };

const retry = (reason: string): ReplyResult => ({ ok: false, reason });

export function parseReply(
  step: AskStep,
  event: InboundEvent,
  vars: Vars = {},
  now: number = Date.now(),
): ReplyResult {
  switch (step.type) {
    case 'ask_text':
      if (event.type !== 'text') return retry('validation.text_expected');
      return step.validate === 'resident_id'
        ? parseResidentId(event.text, now)
        : TEXT_VALIDATORS[step.validate](event.text);
    case 'ask_choice':
      return parseChoice(step, choiceOptions(step, vars), event);
    case 'ask_photo':
      if (event.type === 'image') return { ok: true, value: event.uploadId };
      if (step.optional && isSkip(event)) return { ok: true, value: null };
      return retry(step.optional ? 'validation.photo_or_skip_expected' : 'validation.photo_expected');
    case 'ask_date':
      return event.type === 'text' ? parseDate(event.text) : retry('validation.date_invalid');
    case 'confirm': {
      const answer = parseYesNo(event);
      if (answer === null) return retry('validation.yes_no_expected');
      return { ok: true, value: answer, next: answer ? step.yes : step.no };
    }
  }
}

/** Folds width, case and spacing so "Ｙｅｓ", " yes " and "YES" compare equal. */
export function normalizeReply(text: string): string {
  return text
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[。.!！?？]+$/, '');
}

/** A 身份证号: length, region, birth date and check digit, each problem with its own message. */
function parseResidentId(text: string, now: number): ReplyResult {
  const result = validateResidentId(text, new Date(now));
  return result.ok ? { ok: true, value: result.value.id } : retry(`validation.resident_id.${result.problem}`);
}

export const TEXT_VALIDATORS: Record<
  Exclude<TextValidatorName, 'resident_id'>,
  (text: string) => ReplyResult
> = {
  free_text(text) {
    const value = text.trim();
    if (!value) return retry('validation.text_empty');
    if ([...value].length > MAX_TEXT_CHARS) return retry('validation.text_too_long');
    return { ok: true, value };
  },
  short_text(text) {
    const value = text.trim();
    if (!value) return retry('validation.text_empty');
    if (value.length > 50) return retry('validation.text_too_long');
    return { ok: true, value };
  },
  phone(text) {
    const digits = text
      .normalize('NFKC')
      .replace(/[\s-]/g, '')
      .replace(/^\+?86/, '');
    return /^1[3-9]\d{9}$/.test(digits) ? { ok: true, value: digits } : retry('validation.phone_invalid');
  },
  binding_code(text) {
    const code = normalizeBindingCode(text);
    return code ? { ok: true, value: code } : retry('validation.binding_code_invalid');
  },
  number(text) {
    const value = Number(text.normalize('NFKC').trim());
    return Number.isFinite(value) && text.trim() !== ''
      ? { ok: true, value }
      : retry('validation.number_invalid');
  },
};

export interface ChoiceOption {
  value: string;
  /** A locale key for static options. */
  labelKey?: string;
  /** Finished text for options an action supplied (names are not translated). */
  label?: string;
  next?: string | undefined;
}

/** A choice step's static options followed by those an action put in `optionsFrom`. */
export function choiceOptions(step: Extract<AskStep, { type: 'ask_choice' }>, vars: Vars): ChoiceOption[] {
  const options: ChoiceOption[] = step.options.map((option) => ({
    value: option.value,
    labelKey: option.label,
    next: option.next,
  }));
  const dynamic = step.optionsFrom ? vars[step.optionsFrom] : undefined;
  if (Array.isArray(dynamic)) {
    for (const item of dynamic) {
      if (item && typeof item === 'object' && !Array.isArray(item)) {
        const { value, label } = item;
        if (typeof value === 'string' && typeof label === 'string') options.push({ value, label });
      }
    }
  }
  return options;
}

/** Static options never change while the process runs: their folded words are worked out once. */
const STATIC_WORDS = new Map<string, WordedValue>();

/** Every word that picks an option: its labels in all locales (and their parts), its value, its vocabulary. */
function wordsOf(option: ChoiceOption, vocabulary: readonly string[]): WordedValue {
  if (option.label !== undefined) return foldWords(option, vocabulary);
  const key = [option.value, option.labelKey ?? '', ...vocabulary].join('\u0000');
  let words = STATIC_WORDS.get(key);
  if (!words) {
    words = foldWords(option, vocabulary);
    STATIC_WORDS.set(key, words);
  }
  return words;
}

function foldWords(option: ChoiceOption, vocabulary: readonly string[]): WordedValue {
  const labels =
    option.label !== undefined ? [option.label] : LOCALES.map((locale) => t(locale, option.labelKey ?? ''));
  const words: OptionWord[] = [{ ...optionWord(option.value), exact: true }];
  for (const label of labels) {
    words.push(option.label !== undefined ? { ...optionWord(label), exact: true } : optionWord(label));
    // "学前教育（幼儿园）" is also "学前教育" and "幼儿园"; "切换语言 / Language" is also "Language".
    const parts = label.split(/[()（）/]/).map((part) => part.trim());
    if (parts.length > 1) for (const part of parts) if (part) words.push(optionWord(part));
  }
  for (const name of vocabulary) words.push(...vocabularyWords(name, option.value));
  return { value: option.value, words };
}

function parseChoice(
  step: Extract<AskStep, { type: 'ask_choice' }>,
  options: ChoiceOption[],
  event: InboundEvent,
): ReplyResult {
  const picked = (values: string[]): ReplyResult => {
    const first = options.find((option) => option.value === values[0]);
    if (!first) return retry('validation.choice_unknown');
    return step.multiple
      ? { ok: true, value: values, next: first.next }
      : { ok: true, value: first.value, next: first.next };
  };
  if (event.type === 'choice') {
    return options.some((option) => option.value === event.value)
      ? picked([event.value])
      : retry('validation.choice_unknown');
  }
  if (event.type !== 'text') return retry('validation.choice_unknown');
  const match = matchChoice(
    event.text,
    options.map((option) => wordsOf(option, step.vocabulary)),
    step.multiple,
  );
  switch (match.kind) {
    case 'chosen':
      return picked(match.values);
    case 'question':
      return { ok: false, reason: 'validation.choice_unknown', question: true };
    case 'ambiguous':
      return retry('validation.choice_ambiguous');
    case 'unknown':
      return retry('validation.choice_unknown');
  }
}

const yesNoOptions: WordedValue[] = [
  wordsOf({ value: 'yes', labelKey: 'chat.yes' }, ['yes_no']),
  wordsOf({ value: 'no', labelKey: 'chat.no' }, ['yes_no']),
];

function parseYesNo(event: InboundEvent): boolean | null {
  if (event.type === 'choice') return event.value === 'yes' ? true : event.value === 'no' ? false : null;
  if (event.type !== 'text') return null;
  const match = matchChoice(event.text, yesNoOptions);
  return match.kind === 'chosen' ? match.values[0] === 'yes' : null;
}

const skipOptions: WordedValue[] = [wordsOf({ value: 'skip', labelKey: 'chat.skip' }, ['skip'])];

function isSkip(event: InboundEvent): boolean {
  if (event.type === 'choice') return event.value === 'skip';
  return event.type === 'text' && matchChoice(event.text, skipOptions).kind === 'chosen';
}

/** Accepts 2024-05-01, 2024/5/1, 2024.5.1 and 2024年5月1日; returns an ISO date. */
export function parseDate(text: string): ReplyResult {
  const match = normalizeReply(text).match(
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号號]?$/,
  );
  if (!match) return retry('validation.date_invalid');
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const valid =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!valid || year < 1900 || year > 2100) return retry('validation.date_invalid');
  return { ok: true, value: date.toISOString().slice(0, 10) };
}
