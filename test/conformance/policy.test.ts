import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASK_CASES } from '../../bench/ask-cases.js';
import { createApp } from '../../src/app.js';
import { ChatClient } from '../support/chat-client.js';
import { nodeTarget, type Target, workerTarget } from '../support/targets.js';
import { makeTestDeps } from '../support/test-deps.js';

// The policy endpoints must give the same answers on Node and on workerd: each request goes to both running
// runtimes and to the app in-process, and the JSON must be identical.

const ELIGIBILITY_REQUESTS: unknown[] = [
  {
    asOf: '2025-10-01',
    child: { stage: 'junior_secondary', boarding: true, residence: 'rural' },
    household: { categories: ['subsistence_allowance'] },
  },
  {
    asOf: '2025-10-01',
    locale: 'zh-TW',
    child: { stage: 'primary' },
    household: { categories: ['poverty_alleviated'] },
  },
  {
    asOf: '2025-10-01',
    locale: 'en',
    child: { stage: 'vocational_secondary', schoolOwnership: 'public', grade: 3, agriculturalMajor: true },
    household: { categories: [] },
  },
  {
    asOf: '2025-09-15',
    child: { stage: 'preschool', finalPreschoolYear: true, schoolOwnership: 'public' },
    household: { categories: ['orphan'] },
  },
  {
    catalog: 'demo-county',
    asOf: '2018-10-01',
    child: { stage: 'senior_secondary' },
    household: { categories: ['poverty_alleviated'] },
  },
  { child: { stage: 'undergraduate' }, household: { categories: ['disabled_student'] }, asOf: '2024-10-01' },
];

// Questions with facts, how-to-apply, out-of-scope programmes, small talk and a bare stage, with the kind of
// answer each must get on every runtime.
const ANSWER_BEHAVIOURS: [string, 'zh-CN' | 'zh-TW' | 'en', string][] = [
  ['我家孩子上初中住校，一年能补多少钱', 'zh-CN', 'programme'],
  ['助學貸款怎麼申請', 'zh-TW', 'programme'],
  ['How do I apply for the high school grant?', 'en', 'programme'],
  ['雨露计划补助多少钱', 'zh-CN', 'out_of_scope'],
  ['七年级', 'zh-CN', 'overview'],
  ['我也不知道', 'zh-CN', 'small_talk'],
  ['人工', 'zh-CN', 'small_talk'],
];

// A few questions from every locale of the bench set, plus ones the engine is unsure about.
const ASK_REQUESTS: unknown[] = [
  ...ASK_CASES.filter((_item, index) => index % 8 === 0).map((item) => ({
    question: item.q,
    locale: item.locale,
    asOf: '2025-10-01',
  })),
  ...['zh-TW', 'en'].flatMap((locale) =>
    ASK_CASES.filter((item) => item.locale === locale)
      .slice(0, 2)
      .map((item) => ({ question: item.q, locale, asOf: '2025-10-01' })),
  ),
  { question: '什么是低保', asOf: '2025-10-01' },
  { question: '今天天气怎么样', asOf: '2025-10-01' },
  ...ANSWER_BEHAVIOURS.map(([question, locale]) => ({ question, locale, asOf: '2026-10-01' })),
];

const BAD_REQUESTS: [string, string][] = [
  ['/api/eligibility', '{oops'],
  ['/api/eligibility', JSON.stringify({ child: { stage: 'kindergarten' }, household: { categories: [] } })],
  [
    '/api/eligibility',
    JSON.stringify({ catalog: 'nowhere', child: { stage: 'primary' }, household: { categories: [] } }),
  ],
  ['/api/ask', JSON.stringify({ question: '' })],
  ['/api/ask', JSON.stringify({ question: 'x'.repeat(20_000) })],
];

describe('policy API on Node and on the Worker', () => {
  const targets: Target[] = [];
  const local = makeTestDeps();
  const app = createApp(local.deps);

  beforeAll(async () => {
    targets.push(nodeTarget(), workerTarget({ SEED_DEMO: 'true' }));
    await Promise.all(targets.map((target) => target.start()));
  });
  afterAll(async () => {
    await Promise.all(targets.map((target) => target.dispose()));
    local.close();
  });

  /** The same request everywhere: status and JSON from in-process, Node and Worker. */
  async function everywhere(path: string, body?: string) {
    const init = (): RequestInit =>
      body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body };
    const answers = await Promise.all([
      app.request(path, init()),
      ...targets.map((target) => fetch(`${target.baseUrl}${path}`, init())),
    ]);
    return Promise.all(
      answers.map(async (response) => ({
        status: response.status,
        // biome-ignore lint/suspicious/noExplicitAny: JSON compared whole, read field by field in a few asserts
        json: (await response.json()) as any,
      })),
    );
  }

  it('evaluates eligibility identically', async () => {
    for (const request of ELIGIBILITY_REQUESTS) {
      const [inProcess, node, worker] = await everywhere('/api/eligibility', JSON.stringify(request));
      expect(inProcess!.status).toBe(200);
      expect(node).toEqual(inProcess);
      expect(worker).toEqual(inProcess);
    }
  });

  it('answers questions identically, in zh-CN, zh-TW and English', async () => {
    for (const request of ASK_REQUESTS) {
      const [inProcess, node, worker] = await everywhere('/api/ask', JSON.stringify(request));
      expect(inProcess!.status).toBe(200);
      expect({ request, ...node }).toEqual({ request, ...inProcess });
      expect({ request, ...worker }).toEqual({ request, ...inProcess });
    }
  });

  it('answers what was asked, with the same sources and dates, on every runtime', async () => {
    for (const [question, locale, kind] of ANSWER_BEHAVIOURS) {
      const body = JSON.stringify({ question, locale, asOf: '2026-10-01' });
      const [inProcess, node, worker] = await everywhere('/api/ask', body);
      expect({ question, kind: inProcess!.json.topMatch.kind }).toEqual({ question, kind });
      expect(node).toEqual(inProcess);
      expect(worker).toEqual(inProcess);
      if (kind === 'programme') {
        expect(inProcess!.json.sources.documents.length).toBeGreaterThan(0);
        expect(inProcess!.json.citations.length).toBeGreaterThan(0);
      }
    }
    const [boarding] = await everywhere(
      '/api/ask',
      JSON.stringify({ question: '初中住校生一年补多少', asOf: '2026-10-01' }),
    );
    expect(boarding!.json.figures.map((figure: { yuan: number }) => figure.yuan)).toEqual([1500]);
    expect(boarding!.json.sources.summary).toBe('2024年春季学期起 · 财政部，2024年5月 · 已核实');
  });

  it('gives the same 4xx errors for bad input', async () => {
    for (const [path, body] of BAD_REQUESTS) {
      const [inProcess, node, worker] = await everywhere(path, body);
      expect(inProcess!.status).toBeGreaterThanOrEqual(400);
      expect(inProcess!.status).toBeLessThan(500);
      expect(node).toEqual(inProcess);
      expect(worker).toEqual(inProcess);
    }
  });

  it('serves the same OpenAPI document', async () => {
    const [inProcess, node, worker] = await everywhere('/openapi.json');
    expect(inProcess!.status).toBe(200);
    expect(node).toEqual(inProcess);
    expect(worker).toEqual(inProcess);
  });

  it('walks the eligibility flow to the same card through the chat', async () => {
    const walk = async (fetcher: (path: string, init?: RequestInit) => Promise<Response>) => {
      const chat = new ChatClient(fetcher);
      await chat.start();
      const replies = [
        await chat.choose('eligibility'),
        await chat.choose('primary'),
        await chat.choose('orphan'),
        await chat.choose('no'),
        await chat.choose('rural'),
        await chat.choose('yes'),
      ];
      return replies.map((reply) => reply.messages);
    };
    const [inProcess, ...runtimes] = await Promise.all([
      walk(async (path, init) => app.request(path, init)),
      ...targets.map((target) => walk((path, init) => fetch(`${target.baseUrl}${path}`, init))),
    ]);
    expect(JSON.stringify(inProcess)).toContain('"type":"card"');
    expect(JSON.stringify(inProcess)).toContain('查看依据');
    for (const messages of runtimes) expect(messages).toEqual(inProcess);
  });

  it('answers typed questions in the chat with sources, and "人工" leads to a message for the aid officer', async () => {
    const walk = async (fetcher: (path: string, init?: RequestInit) => Promise<Response>) => {
      const chat = new ChatClient(fetcher);
      await chat.start();
      const replies = [
        await chat.text('初中住校生活补助一年多少钱'),
        await chat.choose('eligibility'),
        await chat.text('人工'),
        await chat.choose('cmd:contact'),
      ];
      return replies.map((reply) => reply.messages);
    };
    const [inProcess, ...runtimes] = await Promise.all([
      walk(async (path, init) => app.request(path, init)),
      ...targets.map((target) => walk((path, init) => fetch(`${target.baseUrl}${path}`, init))),
    ]);
    const [answer, , person, contact] = inProcess!;
    expect(answer?.[0]).toMatchObject({ type: 'text', sources: { label: '查看依据' } });
    expect(person?.[0]).toMatchObject({ type: 'choices', choices: [{ value: 'cmd:contact' }] });
    expect(JSON.stringify(contact)).toContain('请问您想咨询哪方面的事情');
    for (const messages of runtimes) expect(messages).toEqual(inProcess);
  });
});
