import type { messagingApi } from '@line/bot-sdk';
import type { AppConfig } from '../../config.js';
import type { CardButton, Choice, OutboundMessage } from '../../conversation/messages.js';
import { type Locale, t } from '../../i18n/index.js';
import { choicePostback } from './postback-data.js';

type Message = messagingApi.Message;
type FlexComponent = messagingApi.FlexComponent;
type QuickReplyItem = messagingApi.QuickReplyItem;

/** LINE's limits (Messaging API reference): text length, quick reply items, action labels, Flex size. */
export const LINE_LIMITS = {
  textChars: 5000,
  altTextChars: 400,
  quickReplyItems: 13,
  labelChars: 20,
  displayTextChars: 300,
  flexJsonChars: 30_000,
  messagesPerRequest: 5,
} as const;

/** Turns the engine's channel-neutral messages into LINE message objects within LINE's limits. */
export function renderLineMessages(
  config: Pick<AppConfig, 'PUBLIC_URL' | 'LINE_LIFF_ID'>,
  locale: Locale,
  messages: readonly OutboundMessage[],
): Message[] {
  const out: Message[] = [];
  for (const message of messages) out.push(...renderOne(config, locale, message));
  return out;
}

function renderOne(
  config: Pick<AppConfig, 'PUBLIC_URL' | 'LINE_LIFF_ID'>,
  locale: Locale,
  message: OutboundMessage,
): Message[] {
  switch (message.type) {
    case 'text': {
      const lines = [message.from ? `${message.from}：${message.text}` : message.text];
      if (message.sources) lines.push(message.sources.summary);
      return textMessages(lines.join('\n'));
    }
    case 'choices':
      return withQuickReply(textMessages(message.text), choiceItems(message.choices));
    case 'image_request': {
      const items: QuickReplyItem[] = [
        {
          type: 'action',
          action: { type: 'camera', label: clip(t(locale, 'channels.camera'), LINE_LIMITS.labelChars) },
        },
        {
          type: 'action',
          action: {
            type: 'cameraRoll',
            label: clip(t(locale, 'channels.photo_library'), LINE_LIMITS.labelChars),
          },
        },
        ...(message.skip ? choiceItems([message.skip]) : []),
      ];
      return withQuickReply(textMessages(message.text), items);
    }
    case 'link': {
      const uri = absoluteUrl(config, message.url);
      if (!uri) return textMessages(message.text);
      return [
        bubble(
          message.label,
          [flexText(message.text)],
          [{ label: message.label, url: message.url }],
          config,
        ) ?? textMessages(`${message.text}\n${uri}`)[0]!,
      ];
    }
    case 'card': {
      const body: FlexComponent[] = [];
      if (message.sections && message.sections.length > 0) {
        for (const group of message.sections) {
          body.push(flexText(group.group, { weight: 'bold', size: 'md', margin: 'lg' }));
          for (const item of group.items) {
            body.push(flexText(item.heading, { weight: 'bold', size: 'sm', margin: 'md' }));
            for (const line of item.lines) body.push(flexText(line, { size: 'sm' }));
            if (item.sources) body.push(flexText(item.sources.summary, { size: 'xs', color: '#777777' }));
          }
        }
        for (const line of message.footer ?? [])
          body.push(flexText(line, { size: 'xs', color: '#555555', margin: 'md' }));
      } else {
        body.push(flexText(message.body));
      }
      const card = bubble(message.title, body, message.buttons, config, message.body);
      // Too large for one bubble (a long result): the same card as plain text, split to fit.
      if (card) return [card];
      return withQuickReply(
        textMessages(`${message.title}\n\n${message.body}`),
        choiceItems(
          message.buttons.flatMap((button) =>
            button.value ? [{ label: button.label, value: button.value }] : [],
          ),
        ),
      );
    }
  }
}

/** Text within LINE's 5,000 characters per message, cut at line breaks where possible (never mid-character). */
export function splitText(text: string, max: number = LINE_LIMITS.textChars): string[] {
  const chars = [...text];
  if (chars.length <= max) return [text];
  const parts: string[] = [];
  let rest = chars;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = max;
    parts.push(rest.slice(0, cut).join(''));
    rest = rest.slice(rest[cut] === '\n' ? cut + 1 : cut);
  }
  if (rest.length > 0) parts.push(rest.join(''));
  return parts;
}

function textMessages(text: string): messagingApi.TextMessage[] {
  return splitText(text.trim() === '' ? '…' : text).map((part) => ({ type: 'text', text: part }));
}

/** Quick replies show only under the last message; more than 13 choices keep their numbers in the text. */
function withQuickReply<T extends Message>(messages: T[], items: QuickReplyItem[]): T[] {
  if (items.length === 0 || messages.length === 0) return messages;
  const last = messages[messages.length - 1]!;
  messages[messages.length - 1] = {
    ...last,
    quickReply: { items: items.slice(0, LINE_LIMITS.quickReplyItems) },
  };
  return messages;
}

function choiceItems(choices: readonly Choice[]): QuickReplyItem[] {
  return choices.map((choice) => ({
    type: 'action',
    action: {
      type: 'postback',
      label: clip(choice.label, LINE_LIMITS.labelChars),
      data: choicePostback(choice.value),
      displayText: clip(choice.label, LINE_LIMITS.displayTextChars),
    },
  }));
}

function flexText(text: string, style: Partial<messagingApi.FlexText> = {}): messagingApi.FlexText {
  return { type: 'text', text: text.trim() === '' ? ' ' : text, wrap: true, ...style };
}

/** A Flex bubble, or null when it would break LINE's 30 KB limit. */
function bubble(
  title: string,
  body: FlexComponent[],
  buttons: readonly CardButton[],
  config: Pick<AppConfig, 'PUBLIC_URL' | 'LINE_LIFF_ID'>,
  altBody = '',
): messagingApi.FlexMessage | null {
  const footer: FlexComponent[] = [];
  for (const button of buttons) {
    const label = clip(button.label, LINE_LIMITS.labelChars);
    if (button.url) {
      const uri = absoluteUrl(config, button.url);
      if (uri) footer.push({ type: 'button', style: 'primary', action: { type: 'uri', label, uri } });
    } else if (button.value) {
      footer.push({
        type: 'button',
        style: 'secondary',
        action: {
          type: 'postback',
          label,
          data: choicePostback(button.value),
          displayText: clip(button.label, 300),
        },
      });
    }
  }
  const contents: messagingApi.FlexBubble = {
    type: 'bubble',
    header: { type: 'box', layout: 'vertical', contents: [flexText(title, { weight: 'bold', size: 'lg' })] },
    body: { type: 'box', layout: 'vertical', spacing: 'sm', contents: body },
    ...(footer.length > 0
      ? { footer: { type: 'box', layout: 'vertical', spacing: 'sm', contents: footer } }
      : {}),
  };
  if (JSON.stringify(contents).length > LINE_LIMITS.flexJsonChars) return null;
  const alt = altBody ? `${title}\n${altBody}` : title;
  return { type: 'flex', altText: clip(alt, LINE_LIMITS.altTextChars), contents };
}

/**
 * A link the guardian opens from LINE. Pages for guardians (/n/… notices, /liff/…) open inside LINE as the LIFF
 * app when one is configured, so the page knows which LINE user opened it; anything else needs PUBLIC_URL.
 */
export function absoluteUrl(
  config: Pick<AppConfig, 'PUBLIC_URL' | 'LINE_LIFF_ID'>,
  url: string,
): string | null {
  if (/^https?:\/\//.test(url)) return url;
  if (!url.startsWith('/')) return null;
  if (config.LINE_LIFF_ID && url.startsWith('/n/'))
    return `https://liff.line.me/${config.LINE_LIFF_ID}${url}`;
  // The LIFF app's own pages (its endpoint is PUBLIC_URL/liff): /liff/apply opens as liff.line.me/<id>/apply.
  if (config.LINE_LIFF_ID && url.startsWith('/liff/'))
    return `https://liff.line.me/${config.LINE_LIFF_ID}${url.slice('/liff'.length)}`;
  return config.PUBLIC_URL ? `${config.PUBLIC_URL}${url}` : null;
}

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
