import type { Action } from './action.js';
import { answerQuestion } from './answer-question.js';
import { saveInquiry } from './save-inquiry.js';
import { setLocale } from './set-locale.js';

/** Every action a flow's `call` step may name. */
export const ACTIONS: Readonly<Record<string, Action>> = {
  set_locale: setLocale,
  save_inquiry: saveInquiry,
  answer_question: answerQuestion,
};

export const ACTION_NAMES: readonly string[] = Object.keys(ACTIONS);
