import type { OutboundMessage } from '../conversation/messages.js';
import { type ChatSurface, type Locale, t, tOn } from '../i18n/index.js';
import type { ApplicationStatus } from './review-chain.js';

/**
 * What the guardian reads in their chat when their application moves: in their language, naming the programme
 * and the child, with the school's reason when it was returned or rejected. Never sent to anyone else.
 */
export function statusMessage(input: {
  locale: Locale;
  /** How to find the application again is worded for the channel (a menu to tap, or a word to reply). */
  surface: ChatSurface;
  status: ApplicationStatus;
  programmeName: string;
  childLabel: string;
  reason?: string | null;
}): OutboundMessage {
  const { locale } = input;
  const lines = [
    t(locale, `applications.status_message.${input.status}`, {
      programme: input.programmeName,
      child: input.childLabel,
    }),
  ];
  if (input.reason) lines.push(t(locale, 'applications.status_message.reason', { reason: input.reason }));
  if (input.status === 'returned')
    lines.push(tOn(input.surface, locale, 'applications.status_message.returned_how'));
  return { type: 'text', text: lines.join('\n') };
}
