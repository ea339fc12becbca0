import { normalizeBindingCode } from '../binding/binding-code.js';
import { LOCALES, t } from '../i18n/index.js';
import type { JsonValue, Vars } from './conversation-state.js';
import type { AskStep, TextValidatorName } from './flow-schema.js';
import type { InboundEvent } from './messages.js';

/** A reply either gives the step its value or a localized reason to ask again; it never throws at the user. */
export type ReplyResult =
  | { ok: true; value: JsonValue; next?: string | undefined }
  | { ok: false; reason: string };

const retry = (reason: string): ReplyResult => ({ ok: false, reason });

export function parseReply(step: AskStep, event: InboundEvent, vars: Vars = {}): ReplyResult {
  switch (step.type) {
    case 'ask_text':
      return event.type === 'text'
        ? TEXT_VALIDATORS[step.validate](event.text)
        : retry('validation.text_expected');
    case 'ask_choice':
      return parseChoice(choiceOptions(step, vars), event);
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

export const TEXT_VALIDATORS: Record<TextValidatorName, (text: string) => ReplyResult> = {
  free_text(text) {
    const value = text.trim();
    if (!value) return retry('validation.text_empty');
    if (value.length > 1000) return retry('validation.text_too_long');
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

function parseChoice(options: ChoiceOption[], event: InboundEvent): ReplyResult {
  const found = (index: number) => {
    const option = options[index];
    return option ? { ok: true as const, value: option.value, next: option.next } : null;
  };
  if (event.type === 'choice') {
    return (
      found(options.findIndex((option) => option.value === event.value)) ?? retry('validation.choice_unknown')
    );
  }
  if (event.type !== 'text') return retry('validation.choice_unknown');
  const reply = normalizeReply(event.text);
  // Text channels show options numbered; a bare number picks one.
  if (/^\d{1,2}$/.test(reply)) {
    const byNumber = found(Number(reply) - 1);
    if (byNumber) return byNumber;
  }
  const labels = (option: ChoiceOption) =>
    option.label !== undefined ? [option.label] : LOCALES.map((locale) => t(locale, option.labelKey ?? ''));
  const index = options.findIndex(
    (option) =>
      normalizeReply(option.value) === reply ||
      labels(option).some((label) => normalizeReply(label) === reply),
  );
  return found(index) ?? retry('validation.choice_unknown');
}

const YES = new Set([
  'yes',
  'y',
  'ok',
  '是',
  '是的',
  '好',
  '好的',
  '对',
  '对的',
  '對',
  '確認',
  '确认',
  '可以',
  '确定',
  '確定',
  '嗯',
  '提交',
]);
const NO = new Set(['no', 'n', '否', '不', '不是', '不要', '不对', '不對', '取消提交', '先不', '算了']);

function parseYesNo(event: InboundEvent): boolean | null {
  const reply =
    event.type === 'choice' ? event.value : event.type === 'text' ? normalizeReply(event.text) : '';
  if (YES.has(reply)) return true;
  if (NO.has(reply)) return false;
  return null;
}

const SKIP = new Set(['skip', '跳过', '跳過', '没有', '沒有', '无', '無', '不用']);

function isSkip(event: InboundEvent): boolean {
  if (event.type === 'choice') return event.value === 'skip';
  return event.type === 'text' && SKIP.has(normalizeReply(event.text));
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
