import type { OutboundMessage } from '../conversation/messages.js';
import { type Locale, t } from '../i18n/index.js';
import { maskName } from '../util/mask.js';
import type { Confirmation } from './notice-content.js';

export interface NoticeCardInput {
  locale: Locale;
  title: string;
  schoolName: string;
  studentName: string;
  confirmation: Confirmation;
  revised: boolean;
  token: string;
}

/** The card a notice arrives as in the guardian's chat, with the link to their own notice page. */
export function noticeCard(input: NoticeCardInput): OutboundMessage {
  const { locale } = input;
  const body = [
    t(locale, input.revised ? 'notices.card.revised' : 'notices.card.new', {
      school: input.schoolName,
      student: maskName(input.studentName),
    }),
    t(locale, `notices.card.ask_${input.confirmation}`),
  ].join('\n');
  return {
    type: 'card',
    title: input.title,
    body,
    brief: t(locale, `wechat.notice_template.ask_${input.confirmation}`, {
      student: maskName(input.studentName),
    }),
    buttons: [{ label: t(locale, 'notices.card.open'), url: `/n/${input.token}` }],
  };
}
