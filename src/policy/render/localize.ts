import { type Locale, t } from '../../i18n/index.js';
import type { LocalizedText } from '../catalog-schema.js';
import type { MessageParam, MessageRef } from '../eligibility/message.js';

export function pick(text: LocalizedText, locale: Locale): string {
  return text[locale];
}

function isMessageList(param: MessageParam): param is readonly MessageRef[] {
  return Array.isArray(param);
}

function renderParam(param: MessageParam, locale: Locale): string | number {
  if (typeof param === 'string' || typeof param === 'number') return param;
  if (isMessageList(param))
    return joinList(
      param.map((item) => renderMessage(item, locale)),
      locale,
    );
  if ('key' in param) return renderMessage(param, locale);
  return pick(param, locale);
}

/** Renders a message reference (key + params, possibly nested) in the given locale. */
export function renderMessage(message: MessageRef, locale: Locale): string {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(message.params ?? {})) params[name] = renderParam(value, locale);
  return t(locale, message.key, params);
}

export function joinList(items: readonly string[], locale: Locale): string {
  return items.join(t(locale, 'policy.describe.listSeparator'));
}

export function joinClauses(items: readonly string[], locale: Locale): string {
  return items.join(t(locale, 'policy.describe.clauseSeparator'));
}

/** `2024-03-01` → 2024年3月1日 / 2024-03-01. */
export function formatDate(isoDate: string, locale: Locale): string {
  const [year = '', mm = '', dd = ''] = isoDate.split('-');
  return t(locale, 'policy.describe.date', { year, month: Number(mm), day: Number(dd), mm, dd });
}
