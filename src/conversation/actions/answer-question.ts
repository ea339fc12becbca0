import { t } from '../../i18n/index.js';
import { answerPolicyQuestion } from '../../policy-api/index.js';
import type { OutboundMessage } from '../messages.js';
import type { Action } from './action.js';

/**
 * Free text typed where a choice was expected: answered by the same ask engine as POST /api/ask, from the
 * deployment's catalogue, FAQ and glossary. Answers carry their sources (查看依据); "找老师" gets a button
 * into the leave-a-message flow, except at the menu, whose own options already offer it.
 */
export const answerQuestion: Action = async ({ deps, state, vars }) => {
  const question = typeof vars.question === 'string' ? vars.question : '';
  const answer = await answerPolicyQuestion(deps, { question, locale: state.locale });
  if (!answer) {
    const text = t(state.locale, 'chat.ask.no_answer', { question, hotline: deps.config.AID_HOTLINE });
    return { ok: true, messages: [{ type: 'text', text }] };
  }
  const contact = answer.suggestions.find((suggestion) => suggestion.kind === 'contact_officer');
  const wantsPerson = answer.topMatch?.kind === 'small_talk' && answer.topMatch.id === 'human';
  let message: OutboundMessage;
  if (wantsPerson && contact && state.flow !== 'menu') {
    message = {
      type: 'choices',
      text: answer.answer,
      choices: [{ label: t(state.locale, 'flows.menu.contact'), value: 'cmd:contact' }],
    };
  } else {
    message = {
      type: 'text',
      text: answer.answer,
      ...(answer.sources
        ? {
            sources: {
              summary: answer.sources.summary,
              label: answer.sources.showLabel,
              items: answer.sources.documents.map((document) => document.text),
            },
          }
        : {}),
    };
  }
  return { ok: true, messages: [message] };
};
