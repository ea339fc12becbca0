import { describe, expect, it } from 'vitest';
import type { ConversationState } from '../../src/conversation/conversation-state.js';
import { loadFlows } from '../../src/conversation/flow-registry.js';
import type { InboundEvent } from '../../src/conversation/messages.js';
import {
  handleEvent,
  resumeAfterAction,
  startConversation,
  type WalkContext,
  type WalkResult,
} from '../../src/conversation/walker.js';

const flows = loadFlows();
const at = (now: number): WalkContext => ({ flows, now, idleTimeoutMs: 30 * 60_000 });
const keys = (result: { messages: { type: string; key?: string }[] }) =>
  result.messages.map((message) => ('key' in message ? message.key : message.type));

function walk(state: ConversationState, ...events: InboundEvent[]) {
  let current: WalkResult = { state, messages: [] };
  for (const event of events) current = handleEvent(at(state.lastActivityAt + 1000), current.state, event);
  return current;
}

describe('flow walker', () => {
  const start = startConversation(at(0), 'zh-CN');

  it('greets and stops at the menu question', () => {
    expect(keys(start)).toEqual(['chat.greeting', 'flows.menu.prompt']);
    expect(start.state).toMatchObject({ flow: 'menu', step: 'choose', locale: 'zh-CN' });
  });

  it('runs say steps until the next question and keeps answers in vars', () => {
    const result = walk(
      start.state,
      { type: 'choice', value: 'contact' },
      { type: 'choice', value: 'payment' },
    );
    expect(result.state).toMatchObject({ flow: 'contact', step: 'message', vars: { topic: 'payment' } });
    expect(keys(result)).toEqual(['flows.contact.message_prompt']);
    const entered = handleEvent(at(1), start.state, { type: 'choice', value: 'contact' });
    expect(keys(entered)).toEqual(['flows.contact.intro', 'flows.contact.topic_prompt']);
  });

  it('asks again with a reason when a reply does not fit, without moving on', () => {
    const inContact = walk(start.state, { type: 'choice', value: 'contact' });
    const retried = handleEvent(at(2), inContact.state, { type: 'text', text: '随便' });
    expect(keys(retried)).toEqual(['validation.choice_unknown', 'flows.contact.topic_prompt']);
    expect(retried.state.step).toBe('topic');
  });

  it('goes back one question with 返回 and restores the earlier answers', () => {
    const atPhoto = walk(
      start.state,
      { type: 'choice', value: 'contact' },
      { type: 'choice', value: 'policy' },
      { type: 'text', text: '问题' },
    );
    expect(atPhoto.state.step).toBe('photo');
    const back = handleEvent(at(5), atPhoto.state, { type: 'text', text: '返回' });
    expect(back.state).toMatchObject({ step: 'message', vars: { topic: 'policy' } });
    expect(back.state.vars.message).toBeUndefined();
    const backAgain = handleEvent(at(6), back.state, { type: 'text', text: 'back' });
    expect(backAgain.state.step).toBe('topic');
  });

  it('cancels to the menu and restarts the current flow from its start', () => {
    const inContact = walk(
      start.state,
      { type: 'choice', value: 'contact' },
      { type: 'choice', value: 'policy' },
    );
    const cancelled = handleEvent(at(5), inContact.state, { type: 'text', text: '取消' });
    expect(keys(cancelled)).toEqual(['chat.cancelled', 'flows.menu.prompt']);
    expect(cancelled.state.flow).toBe('menu');
    const restarted = handleEvent(at(5), inContact.state, { type: 'text', text: '重新开始' });
    expect(restarted.state).toMatchObject({ flow: 'contact', step: 'topic', vars: {} });
  });

  it('switches language mid-flow and then returns to the same question', () => {
    const inContact = walk(
      start.state,
      { type: 'choice', value: 'contact' },
      { type: 'choice', value: 'policy' },
    );
    const asked = handleEvent(at(5), inContact.state, { type: 'text', text: 'language' });
    expect(asked.state.flow).toBe('language');
    const chosen = handleEvent(at(6), asked.state, { type: 'choice', value: 'en' });
    expect(chosen.action).toMatchObject({ name: 'set_locale', vars: { locale: 'en' } });
    const done = resumeAfterAction(at(6), chosen.state, chosen.action!, { ok: true, locale: 'en' });
    expect(done.state).toMatchObject({
      locale: 'en',
      flow: 'contact',
      step: 'message',
      vars: { topic: 'policy' },
    });
    expect(keys(done)).toEqual(['flows.language.done', 'flows.contact.message_prompt']);
  });

  it('after a long pause asks whether to carry on, and carries on', () => {
    const inContact = walk(
      start.state,
      { type: 'choice', value: 'contact' },
      { type: 'choice', value: 'policy' },
    );
    const later = inContact.state.lastActivityAt + 31 * 60_000;
    const paused = handleEvent(at(later), inContact.state, { type: 'text', text: '你好' });
    expect(paused.messages[0]).toMatchObject({
      key: 'chat.resume.prompt',
      paramKeys: { task: 'flows.contact.title' },
    });
    expect(paused.state.resumePending).toBe(true);
    const resumed = handleEvent(at(later + 1), paused.state, { type: 'choice', value: 'resume:continue' });
    expect(keys(resumed)).toEqual(['flows.contact.message_prompt']);
    expect(resumed.state).toMatchObject({ step: 'message', resumePending: false, vars: { topic: 'policy' } });
  });

  it('after a pause takes a direct answer to the open question', () => {
    const inContact = walk(
      start.state,
      { type: 'choice', value: 'contact' },
      { type: 'choice', value: 'policy' },
    );
    const later = inContact.state.lastActivityAt + 60 * 60_000;
    const paused = handleEvent(at(later), inContact.state, { type: 'text', text: 'x' });
    const answered = handleEvent(at(later + 1), paused.state, { type: 'text', text: '材料在哪交' });
    expect(answered.state).toMatchObject({ step: 'photo', vars: { message: '材料在哪交' } });
  });

  it('does not interrupt someone idle at the menu', () => {
    const later = start.state.lastActivityAt + 2 * 60 * 60_000;
    const result = handleEvent(at(later), start.state, { type: 'choice', value: 'contact' });
    expect(result.state.flow).toBe('contact');
  });

  it('hands free text typed at the menu to the question answerer, then shows the menu again', () => {
    const asked = handleEvent(at(1), start.state, { type: 'text', text: '寄宿生补助多少钱' });
    expect(asked.action).toEqual({
      name: 'answer_question',
      vars: { question: '寄宿生补助多少钱' },
      resume: 'reprompt',
    });
    const answered = resumeAfterAction(at(1), asked.state, asked.action!, {
      ok: true,
      messages: [{ type: 'text', text: 'answer' }],
    });
    expect(answered.messages[0]).toEqual({ type: 'rendered', message: { type: 'text', text: 'answer' } });
    expect(keys(answered).at(-1)).toBe('flows.menu.prompt');
  });

  it('goes to the error step when an action fails', () => {
    const atConfirm = walk(
      start.state,
      { type: 'choice', value: 'contact' },
      { type: 'choice', value: 'policy' },
      { type: 'text', text: '问题' },
      { type: 'choice', value: 'skip' },
      { type: 'choice', value: 'yes' },
    );
    expect(atConfirm.action?.name).toBe('contact_recipients');
    const failed = resumeAfterAction(at(9), atConfirm.state, atConfirm.action!, {
      ok: false,
      errorKey: 'errors.action_failed',
    });
    expect(keys(failed)).toEqual(['errors.action_failed', 'flows.contact.not_sent', 'flows.menu.prompt']);
  });

  it('sends someone whose stored step no longer exists back to the menu', () => {
    const stale = { ...start.state, flow: 'contact', step: 'removed_step' };
    const result = handleEvent(at(1), stale, { type: 'text', text: 'hi' });
    expect(keys(result)).toEqual(['chat.lost_place', 'flows.menu.prompt']);
    expect(result.state.flow).toBe('menu');
  });
});
