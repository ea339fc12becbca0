import { afterEach, describe, expect, it } from 'vitest';
import { ACTION_NAMES } from '../../src/conversation/actions/index.js';
import { createConversationEngine } from '../../src/conversation/conversation-engine.js';
import { FLOW_DOCUMENTS } from '../../src/conversation/flow-registry.js';
import { validateFlows } from '../../src/conversation/validate-flows.js';
import { hasMessage } from '../../src/i18n/index.js';
import { makeTestDeps } from '../support/test-deps.js';

describe('conversation engine', () => {
  let harness: ReturnType<typeof makeTestDeps> | undefined;
  afterEach(() => harness?.close());

  it('keeps what a flow said before an action ran', async () => {
    harness = makeTestDeps();
    const sayThenCall = {
      id: 'say_then_call',
      title: 'flows.language.title',
      start: 'hello',
      steps: {
        hello: { type: 'say', text: 'flows.language.prompt', next: 'apply' },
        apply: { type: 'call', action: 'set_locale', next: 'done' },
        done: { type: 'say', text: 'flows.language.done' },
      },
    };
    const menu = {
      id: 'menu',
      title: 'flows.menu.title',
      start: 'choose',
      steps: {
        choose: {
          type: 'ask_choice',
          prompt: 'flows.menu.prompt',
          var: 'choice',
          options: [{ value: 'go', label: 'flows.menu.ask', next: '@say_then_call' }],
        },
      },
    };
    const others = FLOW_DOCUMENTS.filter((flow) => (flow as { id: string }).id !== 'menu');
    const { flows, problems } = validateFlows([menu, sayThenCall, ...others], {
      hasMessage,
      actionNames: ACTION_NAMES,
    });
    expect(problems).toEqual([]);
    const engine = createConversationEngine(harness.deps, flows);
    const started = await engine.start({ channel: 'web', locale: 'en' });
    const reply = await engine.receive(started.conversationId, { type: 'choice', value: 'go' });
    const texts = reply?.messages.map((message) => ('text' in message ? message.text : ''));
    // set_locale fails without a locale var: the message before it, the error and the menu all arrive.
    expect(texts?.[0]).toBe('Please choose a language:');
    expect(texts).toHaveLength(3);
  });
});
