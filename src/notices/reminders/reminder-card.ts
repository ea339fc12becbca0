import type { OutboundMessage } from '../../conversation/messages.js';
import { type ChatSurface, type Locale, t, tOn } from '../../i18n/index.js';
import { maskName } from '../../util/mask.js';

export interface ReminderCardInput {
  locale: Locale;
  /** WeChat shows the link as text under the message, not as a button. */
  surface: ChatSurface;
  title: string;
  schoolName: string;
  studentName: string;
  confirmation: 'read' | 'confirm' | 'sign';
  token: string;
}

/** The reminder as it arrives in the guardian's chat: the same personal link as the notice itself. */
export function reminderCard(input: ReminderCardInput): OutboundMessage {
  const { locale } = input;
  return {
    type: 'card',
    title: t(locale, 'noticeReminders.card_title', { title: input.title }),
    body: tOn(input.surface, locale, `noticeReminders.card_body_${input.confirmation}`, {
      school: input.schoolName,
      student: maskName(input.studentName),
      title: input.title,
    }),
    brief: t(locale, `wechat.notice_template.ask_${input.confirmation}`, {
      student: maskName(input.studentName),
    }),
    buttons: [{ label: t(locale, 'noticeReminders.card_open'), url: `/n/${input.token}` }],
  };
}
