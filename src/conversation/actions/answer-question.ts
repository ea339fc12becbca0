import { t } from '../../i18n/index.js';
import type { Action } from './action.js';

/** Free text typed where a choice was expected: answered as a question about aid policy. */
export const answerQuestion: Action = async ({ deps, state, vars }) => {
  const question = typeof vars.question === 'string' ? vars.question : '';
  const text = t(state.locale, 'chat.ask.no_answer', { question, hotline: deps.config.AID_HOTLINE });
  return { ok: true, messages: [{ type: 'text', text }] };
};
