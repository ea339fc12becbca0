import type { MessageParams } from '../i18n/index.js';
import type { ConversationState, Vars } from './conversation-state.js';
import type { AskStep } from './flow-schema.js';
import type { MessageSpec } from './messages.js';
import { choiceOptions } from './reply-validators.js';
import type { FlowSet } from './validate-flows.js';

// What the walker says, as locale keys: the question a step asks, and the words around a pause.

export function promptFor(step: AskStep, state: ConversationState, { numbered = false } = {}): MessageSpec {
  const params = paramsFrom(state.vars);
  switch (step.type) {
    case 'ask_choice':
      return {
        type: 'choices',
        key: step.prompt,
        params,
        numbered,
        options: choiceOptions(step, state.vars).map(({ value, labelKey, label }) =>
          label !== undefined ? { value, label } : { value, labelKey },
        ),
      };
    case 'confirm':
      return {
        type: 'choices',
        key: step.prompt,
        params,
        options: [
          { value: 'yes', labelKey: 'chat.yes' },
          { value: 'no', labelKey: 'chat.no' },
        ],
      };
    case 'ask_photo':
      return { type: 'image_request', key: step.prompt, params, optional: step.optional };
    case 'ask_text':
    case 'ask_date':
      return { type: 'text', key: step.prompt, params };
  }
}

export function resumeQuestion(flows: FlowSet, state: ConversationState): MessageSpec {
  const title = flows.get(state.flow)?.title ?? 'chat.resume.this_task';
  return {
    type: 'choices',
    key: 'chat.resume.prompt',
    paramKeys: { task: title },
    options: [
      { value: 'resume:continue', labelKey: 'chat.resume.continue' },
      { value: 'resume:restart', labelKey: 'chat.resume.restart' },
      { value: 'cmd:menu', labelKey: 'chat.resume.menu' },
    ],
  };
}

export function welcomeBack(flows: FlowSet, state: ConversationState): MessageSpec {
  const title = flows.get(state.flow)?.title ?? 'chat.resume.this_task';
  return { type: 'text', key: 'chat.resume.welcome_back', paramKeys: { task: title } };
}

/** Scalar answers can be quoted back in prompts ("您的留言：{message}"). */
export function paramsFrom(vars: Vars): MessageParams {
  const params: MessageParams = {};
  for (const [name, value] of Object.entries(vars)) {
    if (typeof value === 'string' || typeof value === 'number') params[name] = value;
  }
  return params;
}
