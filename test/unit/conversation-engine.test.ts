import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { ACTION_NAMES } from '../../src/conversation/actions/index.js';
import { createConversationEngine } from '../../src/conversation/conversation-engine.js';
import { FLOW_DOCUMENTS } from '../../src/conversation/flow-registry.js';
import { validateFlows } from '../../src/conversation/validate-flows.js';
import { chatMessages, conversations, inboxMessages } from '../../src/db/schema.js';
import { seedDemoSchool } from '../../src/demo/seed-demo-school.js';
import { hasMessage } from '../../src/i18n/index.js';
import { ChatClient } from '../support/chat-client.js';
import { makeTestDeps } from '../support/test-deps.js';

/**
 * Another process saving the same conversation between our read and our write: the real database, with a
 * real competing update run just before our atomic write.
 */
function competingWriter(harness: ReturnType<typeof makeTestDeps>, times: number) {
  const real = harness.deps.database;
  let left = times;
  harness.deps.database = {
    ...real,
    atomic: async (statements) => {
      if (left > 0) {
        left--;
        await real.db.update(conversations).set({ revision: `other-${left}` });
      }
      return real.atomic(statements);
    },
  };
}

async function atContactConfirm(chat: ChatClient) {
  await chat.start();
  await chat.choose('contact');
  await chat.choose('payment');
  await chat.text('什么时候发？');
  await chat.choose('skip');
}

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

  it('saves nothing from a write that lost a race, then retries and files the message once', async () => {
    harness = makeTestDeps();
    await seedDemoSchool(harness.deps);
    const app = createApp(harness.deps);
    const chat = new ChatClient(async (path, init) => app.request(path, init));
    await atContactConfirm(chat);
    competingWriter(harness, 1);
    const sent = await chat.choose('yes');
    expect(sent.messages.map((message) => ('text' in message ? message.text : '')).join()).toContain(
      '已转给',
    );
    const { db } = harness.deps.database;
    expect(await db.select().from(inboxMessages)).toHaveLength(1);
    const yes = (await db.select().from(chatMessages)).filter(
      (row) => row.direction === 'in' && row.payload.includes('"value":"yes"'),
    );
    expect(yes).toHaveLength(1);
  });

  it('gives up with conversation_busy when it keeps losing, and changes nothing', async () => {
    harness = makeTestDeps();
    await seedDemoSchool(harness.deps);
    const app = createApp(harness.deps);
    const chat = new ChatClient(async (path, init) => app.request(path, init));
    await atContactConfirm(chat);
    const before = await harness.deps.database.db.select().from(chatMessages);
    competingWriter(harness, 10);
    const response = await chat.raw('/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'choice', value: 'yes' }),
    });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('conversation_busy');
    expect(await harness.deps.database.db.select().from(inboxMessages)).toEqual([]);
    expect(await harness.deps.database.db.select().from(chatMessages)).toEqual(before);
  });
});
