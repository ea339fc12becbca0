import type { OutboundMessage } from '../../conversation/messages.js';
import { type Locale, t } from '../../i18n/index.js';

export interface WechatTextOptions {
  locale: Locale;
  /** PUBLIC_URL: links in the engine's messages are paths (/n/…), WeChat needs whole addresses. */
  publicUrl: string | undefined;
  /** The Official Account shows `<a href>` as a tappable link; a personal chat (Wechaty) shows the bare address. */
  links: 'html' | 'plain';
}

/**
 * WeChat text chats have no buttons: the engine's messages become one text in which choices are numbered
 * (the engine understands a typed number or label), cards are their plain-text body, and links are written out.
 */
export function wechatText(messages: readonly OutboundMessage[], options: WechatTextOptions): string {
  const { locale } = options;
  const link = (url: string, label: string) => {
    const absolute = url.startsWith('/') && options.publicUrl ? `${options.publicUrl}${url}` : url;
    return options.links === 'html'
      ? `<a href="${escapeAttribute(absolute)}">${label}</a>`
      : `${label}：${absolute}`;
  };
  const lastChoices = messages.findLastIndex((message) => message.type === 'choices');
  const parts = messages.map((message, index) => messagePart(message, index === lastChoices));
  return parts.join('\n\n');

  function messagePart(message: OutboundMessage, lastQuestion: boolean): string {
    switch (message.type) {
      case 'text':
        return message.sources ? `${message.text}\n${message.sources.summary}` : message.text;
      case 'choices': {
        // The walker numbers the options in the text itself after a reply that matched none.
        const numbered = message.choices.every((choice, at) =>
          message.text.includes(`${at + 1}. ${choice.label}`),
        );
        const lines = numbered
          ? [message.text]
          : [message.text, ...message.choices.map((choice, at) => `${at + 1}. ${choice.label}`)];
        if (lastQuestion) lines.push(t(locale, 'wechat.reply_number'));
        return lines.join('\n');
      }
      case 'card': {
        const lines = [`【${message.title}】`, message.body];
        for (const button of message.buttons) {
          if (button.url) lines.push(link(button.url, button.label));
          else if (button.value) lines.push(t(locale, 'wechat.reply_word', { label: button.label }));
        }
        return lines.join('\n');
      }
      case 'image_request': {
        const lines = [message.text, t(locale, 'wechat.send_photo')];
        if (message.skip) lines.push(t(locale, 'wechat.or_skip', { skip: message.skip.label }));
        return lines.join('\n');
      }
      case 'link':
        return `${message.text}\n${link(message.url, message.label)}`;
    }
  }
}

/** The first https link a card or link message carries, made whole: a template message opens it. */
export function firstLink(
  messages: readonly OutboundMessage[],
  publicUrl: string | undefined,
): string | undefined {
  for (const message of messages) {
    const url =
      message.type === 'link'
        ? message.url
        : message.type === 'card'
          ? message.buttons.find((b) => b.url)?.url
          : undefined;
    if (url) return url.startsWith('/') && publicUrl ? `${publicUrl}${url}` : url;
  }
  return undefined;
}

/** Splits text into pieces of at most `maxBytes` UTF-8 bytes, at line breaks where it can. */
export function splitUtf8(text: string, maxBytes: number): string[] {
  const encoder = new TextEncoder();
  const size = (value: string) => encoder.encode(value).length;
  if (size(text) <= maxBytes) return [text];
  const pieces: string[] = [];
  let current = '';
  const flush = () => {
    if (current) pieces.push(current);
    current = '';
  };
  for (const line of text.split('\n')) {
    const candidate = current ? `${current}\n${line}` : line;
    if (size(candidate) <= maxBytes) {
      current = candidate;
      continue;
    }
    flush();
    // A single line longer than a piece is cut by characters.
    let rest = line;
    while (size(rest) > maxBytes) {
      let cut = Math.min(rest.length, maxBytes);
      while (cut > 1 && size(rest.slice(0, cut)) > maxBytes) cut--;
      pieces.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    current = rest;
  }
  flush();
  return pieces;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
