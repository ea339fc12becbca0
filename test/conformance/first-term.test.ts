import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allText, ChatClient, lastText, TINY_PNG } from '../support/chat-client.js';
import { ConsoleClient } from '../support/console-client.js';
import {
  type FirstTerm,
  importFirstRoster,
  printSlips,
  setUpFirstTerm,
  slipOf,
} from '../support/first-term.js';
import { nodeTarget, type Target, workerTarget } from '../support/targets.js';

// Issue 8's acceptance: a real county's first term from an empty database, on Node and on workerd.
// Node gets no SETUP_TOKEN, so it prints a one-time token in its log; the Worker gets it as a var (a secret
// in production).
const WORKER_TOKEN = 'conformance-setup-token-0042';
const PUBLIC_URL = 'https://mingbai.example.edu.cn';
const targets: [string, () => Target, (target: Target) => string][] = [
  ['node', () => nodeTarget({ SEED_DEMO: 'false', PUBLIC_URL }), (target) => tokenFromLog(target.output())],
  ['worker', () => workerTarget({ SETUP_TOKEN: WORKER_TOKEN, PUBLIC_URL }), () => WORKER_TOKEN],
];

function tokenFromLog(log: string): string {
  const line = log.split('\n').find((each) => each.includes('"setupToken"'));
  const token = line ? (JSON.parse(line) as { setupToken?: string }).setupToken : undefined;
  if (!token) throw new Error(`no setup token in the log:\n${log}`);
  return token;
}

describe.each(targets)('a county’s first term on %s', (_name, makeTarget, setupToken) => {
  let target: Target;
  let term: FirstTerm;
  let parent: ChatClient;
  const fetcher = (path: string, init?: RequestInit) => fetch(`${target.baseUrl}${path}`, init);
  const browser = () => new ConsoleClient(fetcher, target.baseUrl);

  beforeAll(async () => {
    target = makeTarget();
    await target.start();
  });
  afterAll(async () => {
    await target?.dispose();
  });

  it('leads an empty database to setup, which refuses a missing or wrong token', async () => {
    const home = await fetcher('/console', { redirect: 'manual' });
    expect(home.status).toBe(302);
    expect(home.headers.get('location')).toBe('/console/setup');
    const page = await fetcher('/console/setup');
    expect(page.status).toBe(200);
    expect((await page.text()).startsWith('<!doctype html>')).toBe(true);
    const form = {
      districtName: '冒充县',
      displayName: '某人',
      username: 'intruder',
      password: 'intruder-pass-1',
      passwordAgain: 'intruder-pass-1',
    };
    expect((await browser().post('/console/setup', { ...form, token: '' })).status).toBe(403);
    expect(
      (await browser().post('/console/setup', { ...form, token: `${setupToken(target)}x` })).status,
    ).toBe(403);
    expect((await browser().logIn('intruder', 'intruder-pass-1')).status).not.toBe(303);
  });

  it('sets up the county, a school, a term, two classes and a teacher of both, who imports the roster', async () => {
    term = await setUpFirstTerm(fetcher, target.baseUrl, setupToken(target));
    const home = await (await term.teacher.get('/console')).text();
    expect(home).toContain('三年级一班');
    expect(home).toContain('三年级二班');
    await importFirstRoster(term.teacher);
    const roster = await (await term.teacher.get(`/console/classes/${term.classIds[0]}`)).text();
    expect(roster).toContain('孙小雨');
    expect(roster).toContain('周一一');
  });

  it("reprints one student's slip while the others keep working, and a parent binds", async () => {
    const [classA] = term.classIds;
    const first = await printSlips(term.teacher, classA, 'all');
    expect([...first.slips.values()].map((slip) => slip.name).sort()).toEqual(['周一一', '孙小雨']);
    const lost = slipOf(first, '孙小雨');
    const reprint = await printSlips(term.teacher, classA, lost.id);
    expect([...reprint.slips.keys()]).toEqual([lost.id]);
    expect(reprint.slips.get(lost.id)?.code).not.toBe(lost.code);

    const stale = new ChatClient(fetcher);
    await stale.start();
    await stale.choose('bind');
    expect(allText(await stale.text(lost.code))).toContain('这张绑定条已作废，请向班主任要新的');

    parent = new ChatClient(fetcher);
    await parent.start();
    await parent.choose('bind');
    expect(lastText(await parent.text(slipOf(first, '周一一').code))).toContain('周*一');
    await parent.choose('yes');
    expect(allText(await parent.choose('mother'))).toContain('绑定成功');
    const roster = await (await term.teacher.get(`/console/classes/${classA}`)).text();
    const row = roster.split('<tr').find((part) => part.includes('周一一')) ?? '';
    expect(row).toContain('已绑定');
  });

  it("carries the parent's message to the teacher's inbox and the teacher's reply back to the chat", async () => {
    await parent.choose('contact');
    await parent.choose('application');
    await parent.text('请问助学金申请表什么时候交？');
    await parent.upload(TINY_PNG);
    const pick = await parent.choose('yes');
    const child = pick.messages
      .flatMap((message) => ('choices' in message ? message.choices : []))
      .find((choice) => choice.label.includes('周*一'));
    expect(child).toBeDefined();
    expect(allText(await parent.choose(child!.value))).toContain('已转给 三年级一班 班主任');

    const list = await (await term.teacher.get('/console/inbox')).text();
    const threadId = list.match(/data-thread="(th_[a-z0-9]+)"/)?.[1];
    expect(threadId).toBeDefined();
    const thread = await (await term.teacher.get(`/console/inbox/${threadId}`)).text();
    expect(thread).toContain('请问助学金申请表什么时候交？');
    const replied = await term.teacher.post(`/console/inbox/${threadId}/reply`, {
      body: '本周五前交给班主任即可。',
    });
    expect(replied.status).toBe(303);
    const last = (await parent.history()).at(-1)!;
    expect(last.direction).toBe('out');
    expect(JSON.stringify(last.payload)).toContain('本周五前交给班主任即可。');
    expect(allText(await parent.choose('messages'))).toContain('已回复');
  });

  it('has no setup page any more, even after a restart', async () => {
    expect((await fetcher('/console/setup')).status).toBe(404);
    expect((await browser().post('/console/setup', { token: setupToken(target) })).status).toBe(404);
    await target.restart();
    expect((await fetcher('/console/setup')).status).toBe(404);
    const home = await fetcher('/console', { redirect: 'manual' });
    expect(home.headers.get('location')).toBe('/console/login');
  });
});
