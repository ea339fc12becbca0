import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issueBindingCodes } from '../../src/binding/binding-service.js';
import type { OutboundMessage } from '../../src/conversation/messages.js';
import { seedDemoSchool } from '../../src/demo/seed-demo-school.js';
import { allText, ChatClient, type ChatReply, lastText } from '../support/chat-client.js';
import { HOTLINE, makePolicyApp } from './helpers.js';

type Card = Extract<OutboundMessage, { type: 'card' }>;
type Choices = Extract<OutboundMessage, { type: 'choices' }>;

const cardOf = (reply: ChatReply): Card | undefined =>
  reply.messages.find((message): message is Card => message.type === 'card');
const choicesOf = (reply: ChatReply): Choices | undefined => {
  const last = reply.messages.at(-1);
  return last?.type === 'choices' ? last : undefined;
};
const values = (reply: ChatReply) => choicesOf(reply)?.choices.map((choice) => choice.value) ?? [];

/** Answers each question with the given value (or the first option) until the card arrives; counts questions. */
async function walkToCard(chat: ChatClient, first: ChatReply, answers: Record<string, string>) {
  let reply = first;
  const asked: string[] = [];
  for (let guard = 0; guard < 12 && !cardOf(reply); guard++) {
    const prompt = choicesOf(reply);
    if (!prompt) throw new Error(`no question in ${JSON.stringify(reply.messages)}`);
    asked.push(prompt.text);
    const wanted = Object.entries(answers).find(([text]) => prompt.text.includes(text))?.[1];
    reply = await chat.choose(wanted ?? prompt.choices[0]!.value);
  }
  return { reply, asked };
}

describe('eligibility flow in chat', () => {
  let harness: ReturnType<typeof makePolicyApp>;
  let chat: ChatClient;
  beforeEach(async () => {
    harness = makePolicyApp();
    await seedDemoSchool(harness.deps);
    chat = new ChatClient(async (path, init) => harness.app.request(path, init));
  });
  afterEach(() => harness.close());

  it('answers "找老师" mid-check with a button into the message flow, then comes back to the question', async () => {
    await chat.start();
    await chat.choose('eligibility');
    const person = await chat.text('我要找老师');
    expect(person.messages[0]).toMatchObject({
      type: 'choices',
      choices: [{ value: 'cmd:contact', label: '联系资助老师' }],
    });
    expect(allText(person)).not.toContain('资助不收取任何费用');
    expect(lastText(person)).toBe('孩子现在上什么学？');
    expect(lastText(await chat.choose('cmd:contact'))).toContain('想咨询哪方面');
    await chat.choose('policy');
    await chat.text('孩子住校，想问生活补助什么时候发');
    await chat.choose('skip');
    const sent = await chat.choose('yes');
    expect(allText(sent)).toContain('已转给');
    expect(lastText(sent)).toBe('孩子现在上什么学？');
  });

  it('answers a typed question with its sources and keeps asking', async () => {
    await chat.start();
    await chat.choose('eligibility');
    const reply = await chat.text('初中住校生活补助一年多少钱');
    expect(reply.messages[0]).toMatchObject({
      type: 'text',
      sources: { summary: '2024年春季学期起 · 财政部，2024年5月 · 已核实', label: '查看依据' },
    });
    expect(lastText(reply)).toBe('孩子现在上什么学？');
  });

  it('is the first menu option', async () => {
    const started = await chat.start();
    expect(choicesOf(started)?.choices[0]).toEqual({ value: 'eligibility', label: '看看孩子能享受哪些资助' });
  });

  it('walks an unbound parent through a few questions to a summary card', async () => {
    await chat.start();
    const intro = await chat.choose('eligibility');
    expect(allText(intro)).toContain('最多六个');
    expect(lastText(intro)).toBe('孩子现在上什么学？');
    const { reply, asked } = await walkToCard(chat, intro, {
      上什么学: 'junior_secondary',
      家里: 'subsistence_allowance',
      住宿: 'yes',
      农村: 'rural',
      营养: 'unsure',
    });
    expect(asked.length).toBeLessThanOrEqual(6);
    const card = cardOf(reply)!;
    expect(card.title).toBe('资助自查结果');
    expect(card.body).toContain('可能可以享受');
    expect(card.body).toContain('义务教育家庭经济困难学生生活补助：每年1500元');
    expect(card.body).toContain('下一步：');
    expect(card.body).toContain('资助不收取任何费用');
    expect(card.body).toContain(HOTLINE);
    expect(card.body).not.toContain('12309');
    // Sources and what to prepare, in the text and in the card's rich sections.
    expect(card.body).toContain('依据：2024年春季学期起 · 财政部，2024年5月 · 已核实');
    expect(card.body).toContain('□ 家庭经济困难学生认定申请表');
    const subsidy = card.sections?.[0]?.items.find((item) => item.heading.includes('生活补助'));
    expect(subsidy?.sources).toMatchObject({
      summary: '2024年春季学期起 · 财政部，2024年5月 · 已核实',
      label: '查看依据',
    });
    expect(subsidy?.sources?.items.join()).toContain('财教〔2021〕310号');
    expect(subsidy?.detail?.items[0]).toContain('下一步：');
    // The apply choice is offered once, after the card, not also as a card button.
    expect(card.buttons).toEqual([]);
    const choices = choicesOf(reply)?.choices ?? [];
    expect(choices.filter((choice) => choice.value === 'apply:compulsory_living_subsidy')).toEqual([
      { value: 'apply:compulsory_living_subsidy', label: '在线申请：义务教育家庭经济困难学生生活补助' },
    ]);
    expect(values(reply)).toEqual(
      expect.arrayContaining(['again', 'cmd:menu', 'apply:compulsory_living_subsidy']),
    );

    // Applying online needs a linked child: an unbound parent is asked for the binding code first.
    const apply = await chat.choose('apply:compulsory_living_subsidy');
    expect(allText(apply)).toContain('在线申请要先绑定这个孩子');
    expect(allText(apply)).toContain('绑定码');

    const menu = await chat.choose('cmd:menu');
    expect(values(menu)[0]).toBe('eligibility');
  });

  it('lists needs-check programmes with what is missing, and secondary figures with the local caveat', async () => {
    await chat.start();
    const intro = await chat.choose('eligibility');
    const { reply } = await walkToCard(chat, intro, {
      上什么学: 'vocational_secondary',
      家里: 'unsure',
      涉农: 'unsure',
      年级: 'unsure',
      公办: 'unsure',
      农村: 'unsure',
    });
    const body = cardOf(reply)!.body;
    expect(body).toContain('需要进一步确认');
    expect(body).toContain('请以当地资助中心公布为准');
  });

  it('answers free text at the menu with the ask engine, then shows the menu again', async () => {
    await chat.start();
    const answered = await chat.text('寄宿生补助是多少钱');
    expect(allText(answered)).toContain('每年1500元');
    expect(allText(answered)).toContain('资助不收取任何费用');
    expect(values(answered)[0]).toBe('eligibility');
    const unsure = await chat.text('今天天气怎么样');
    expect(allText(unsure)).toContain('不太确定');
    expect(allText(unsure)).toContain(HOTLINE);
  });

  it('answers free text in the middle of the check and asks the same question again', async () => {
    await chat.start();
    await chat.choose('eligibility');
    const answered = await chat.text('营养餐每天补多少钱');
    expect(allText(answered)).toContain('5元');
    expect(lastText(answered)).toBe('孩子现在上什么学？');
  });

  it('works in English and traditional Chinese', async () => {
    await chat.start('en');
    const intro = await chat.choose('eligibility');
    const { reply } = await walkToCard(chat, intro, { stage: 'primary', 'fit one': 'orphan', board: 'no' });
    const card = cardOf(reply)!;
    expect(card.title).toBe('Your aid check');
    expect(card.body).toContain('yuan a year');
    const tw = new ChatClient(async (path, init) => harness.app.request(path, init));
    await tw.start('zh-TW');
    const twIntro = await tw.choose('eligibility');
    const twCard = cardOf((await walkToCard(tw, twIntro, {})).reply)!;
    expect(twCard.title).toBe('資助自查結果');
  });

  it('skips what the school roster already says about a bound child', async () => {
    const codes = await issueBindingCodes(harness.deps, 'demo_officer', 'demo_primary', ['demo_s1'], null);
    await chat.start();
    await chat.choose('bind');
    const confirm = await chat.text(codes.get('demo_s1')!);
    expect(lastText(confirm)).toContain('王*明');
    await chat.choose('yes');
    await chat.choose('father');

    const pick = await chat.choose('eligibility');
    expect(lastText(pick)).toBe('查哪个孩子？');
    const child = choicesOf(pick)!.choices.find((choice) => choice.label.includes('王*明'))!;
    expect(values(pick)).toContain('other');
    const { reply, asked } = await walkToCard(chat, await chat.choose(child.value), {
      家里: 'poverty_alleviated',
      营养: 'yes',
    });
    // Stage (primary), boarding (no), ownership and residence (public, rural) came from the roster.
    expect(asked.join('\n')).not.toMatch(/上什么学|住宿|公办|农村/);
    expect(asked.length).toBeLessThanOrEqual(2);
    const card = cardOf(reply)!;
    expect(card.title).toBe('王*明的资助自查结果');
    expect(card.body).toContain('义务教育家庭经济困难学生生活补助：每年625元');

    // "Another child" asks the stage as for an unbound parent.
    const again = await chat.choose('again');
    const other = await chat.choose('other');
    expect(lastText(other)).toBe('孩子现在上什么学？');
    expect(allText(again)).toContain('最多六个');
  });
});
