import { t } from '../../i18n/index.js';
import { answerPolicyQuestion } from '../../policy-api/index.js';
import type { Action } from './action.js';

/**
 * Free text typed where a choice was expected: answered by the same ask engine as POST /api/ask, from the
 * deployment's catalogue, FAQ and glossary. When unsure the answer says so and points to the guided check
 * (the menu's first option) and the aid officer.
 */
export const answerQuestion: Action = async ({ deps, state, vars }) => {
  const question = typeof vars.question === 'string' ? vars.question : '';
  const answer = await answerPolicyQuestion(deps, { question, locale: state.locale });
  const text = answer
    ? answer.answer
    : t(state.locale, 'chat.ask.no_answer', { question, hotline: deps.config.AID_HOTLINE });
  return { ok: true, messages: [{ type: 'text', text }] };
};
