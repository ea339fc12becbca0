import { type ChatSurface, type Locale, t, tOn } from '../i18n/index.js';
import type { MessageSpec, OutboundMessage } from './messages.js';

/**
 * Turns the walker's locale keys into finished messages in the user's language, worded for what the channel can
 * show (a text chat has no buttons to tap: see ChatSurface).
 */
export function renderMessages(
  specs: readonly MessageSpec[],
  locale: Locale,
  surface: ChatSurface = 'buttons',
): OutboundMessage[] {
  return specs.map((spec) => renderMessage(spec, locale, surface));
}

function renderMessage(spec: MessageSpec, locale: Locale, surface: ChatSurface): OutboundMessage {
  if (spec.type === 'rendered') return spec.message;
  const labelOf = (option: { labelKey?: string; label?: string; value?: string }) =>
    option.label ?? t(locale, option.labelKey ?? option.value ?? '');
  if (spec.type === 'understood') {
    const answer = spec.options.map(labelOf).join(t(locale, 'chat.list_separator'));
    return {
      type: 'text',
      text: t(locale, 'chat.understood', { answer }),
      chosen: spec.options.map((option) => option.value),
    };
  }
  const params = { ...spec.params };
  for (const [name, key] of Object.entries(spec.paramKeys ?? {})) params[name] = tOn(surface, locale, key);
  const text = tOn(surface, locale, spec.key, params);
  switch (spec.type) {
    case 'text':
      return { type: 'text', text };
    case 'choices':
      return {
        type: 'choices',
        text: spec.numbered
          ? [text, ...spec.options.map((option, index) => `${index + 1}. ${labelOf(option)}`)].join('\n')
          : text,
        choices: spec.options.map((option) => ({ value: option.value, label: labelOf(option) })),
      };
    case 'image_request':
      return spec.optional
        ? { type: 'image_request', text, skip: { label: t(locale, 'chat.skip'), value: 'skip' } }
        : { type: 'image_request', text };
    case 'link':
      return { type: 'link', text, url: spec.url, label: t(locale, spec.labelKey) };
  }
}
