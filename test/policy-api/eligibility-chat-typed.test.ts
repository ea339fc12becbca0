import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../src/conversation/messages.js';
import { allText, ChatClient, type ChatReply, lastText } from '../support/chat-client.js';
import { makePolicyApp } from './helpers.js';

type Card = Extract<OutboundMessage, { type: 'card' }>;

const cardOf = (reply: ChatReply): Card | undefined =>
  reply.messages.find((message): message is Card => message.type === 'card');

/**
 * Answers every question by typing what a parent would type (never a button value): the first answer whose
 * prompt fragment the question contains. A question with no typed answer here fails the test, so a new
 * question cannot slip through on a default.
 */
async function typeToCard(chat: ChatClient, first: ChatReply, answers: [string, string][]) {
  let reply = first;
  const typed: string[] = [];
  for (let guard = 0; guard < 12 && !cardOf(reply); guard++) {
    const prompt = lastText(reply);
    const answer = answers.find(([fragment]) => prompt.includes(fragment))?.[1];
    if (answer === undefined) throw new Error(`no typed answer for "${prompt}"`);
    typed.push(answer);
    reply = await chat.text(answer);
    expect(allText(reply), `after typing "${answer}"`).not.toContain('没看懂');
  }
  return { reply, typed };
}

describe('the aid check answered by typing only', () => {
  let harness: ReturnType<typeof makePolicyApp>;
  let chat: ChatClient;
  beforeEach(() => {
    harness = makePolicyApp();
    chat = new ChatClient(async (path, init) => harness.app.request(path, init));
  });
  afterEach(() => harness.close());

  it('in simplified Chinese, with a question and a vague answer on the way', async () => {
    await chat.start('zh-CN');
    const stage = await chat.text('资助自查');
    expect(lastText(stage)).toBe('孩子现在上什么学？');

    // "我也不知道" is not a question and matches no stage: a kind retry with numbered options, no anti-fraud text.
    const vague = await chat.text('我也不知道');
    expect(allText(vague)).toContain('没看懂');
    expect(allText(vague)).toContain('3. 初中');
    expect(allText(vague)).not.toContain('诈骗');

    const household = await chat.text('孩子上初二了');
    expect(allText(household)).toContain('记下了：初中');
    expect(lastText(household)).toContain('家里是否属于');

    // A question in the middle is answered, then the same question comes again.
    const answered = await chat.text('什么是低保？');
    expect(allText(answered)).toContain('最低生活保障');
    expect(lastText(answered)).toContain('家里是否属于');

    const { reply, typed } = await typeToCard(chat, await chat.text('低保户，单亲'), [
      ['住宿', '住校'],
      ['农村', '村里'],
      ['营养餐', '不清楚'],
      ['公办', '公办'],
    ]);
    expect(typed.length).toBeLessThanOrEqual(4);
    const card = cardOf(reply)!;
    expect(card.title).toBe('资助自查结果');
    expect(card.body).toContain('义务教育家庭经济困难学生生活补助：每年1500元');
  });

  it('in traditional Chinese', async () => {
    await chat.start('zh-TW');
    const stage = await chat.text('資助自查');
    expect(lastText(stage)).toBe('孩子現在上什麼學？');
    const household = await chat.text('國中二年級');
    expect(allText(household)).toContain('記下了：初中');
    const { reply } = await typeToCard(chat, await chat.text('單親'), [
      ['住宿', '有住校'],
      ['農村', '鄉下'],
      ['營養餐', '不確定'],
      ['公辦', '公立'],
    ]);
    const card = cardOf(reply)!;
    expect(card.title).toBe('資助自查結果');
    expect(card.body).toContain('生活補助');
  });

  it('in English', async () => {
    await chat.start('en');
    const stage = await chat.text('aid check');
    expect(lastText(stage)).toBe('Which school stage is your child in?');
    const household = await chat.text("She's in 8th grade");
    expect(allText(household)).toContain('Got it: junior secondary school');
    const { reply } = await typeToCard(chat, await chat.text('dibao'), [
      ['board', 'yes, she boards'],
      ['rural', 'we live in the countryside'],
      ['nutrition', "I don't know"],
      ['public or private', 'public'],
    ]);
    const card = cardOf(reply)!;
    expect(card.title).toBe('Your aid check');
    expect(card.body).toContain('1,500 yuan a year');
  });

  it('takes option numbers typed in any form', async () => {
    await chat.start('zh-CN');
    await chat.text('1');
    expect(allText(await chat.text('第三个'))).toContain('记下了：初中');
    expect(allText(await chat.text('1、3'))).toContain(
      '记下了：脱贫家庭学生（原建档立卡）、最低生活保障家庭（低保）',
    );
  });
});
