import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed-demo-school.js';
import { allText, ChatClient, lastText, TINY_PNG } from '../support/chat-client.js';
import { ConsoleClient, codesOnPage } from '../support/console-client.js';
import { nodeTarget, type Target, workerTarget } from '../support/targets.js';

// Binding slips and the staff inbox behave the same on Node and on workerd.
const PUBLIC_URL = 'https://mingbai.example.edu.cn';
const targets: [string, () => Target][] = [
  ['node', () => nodeTarget({ PUBLIC_URL })],
  ['worker', () => workerTarget({ SEED_DEMO: 'true', PUBLIC_URL })],
];

describe.each(targets)('slips and inbox on %s', (_name, makeTarget) => {
  let target: Target;
  const fetcher = (path: string, init?: RequestInit) => fetch(`${target.baseUrl}${path}`, init);
  const staff = async (username: string) => {
    const client = new ConsoleClient(fetcher, target.baseUrl);
    expect((await client.logIn(username, DEMO_PASSWORD)).status).toBe(303);
    return client;
  };
  const parent = async () => {
    const chat = new ChatClient(fetcher);
    await chat.start();
    return chat;
  };
  /** Posts the print form and follows the redirect to the print's page. */
  const print = async (client: ConsoleClient, students: string) => {
    const posted = await client.post('/console/classes/demo_p3_2/codes', { students });
    expect(posted.status).toBe(303);
    const location = posted.headers.get('location')!;
    const page = await (await client.get(location)).text();
    const slips = new Map<string, string>();
    for (const part of page.split('data-student="').slice(1)) {
      const [code] = codesOnPage(part);
      if (code) slips.set(part.slice(0, part.indexOf('"')), code);
    }
    return { location, page, slips };
  };

  beforeAll(async () => {
    target = makeTarget();
    await target.start();
  });
  afterAll(async () => {
    await target?.dispose();
  });

  it("reprints one student's slip while the classmate's keeps working; reloads re-issue nothing", async () => {
    const teacher = await staff('demo-teacher');
    const first = await print(teacher, 'all');
    expect(first.slips.size).toBe(2);
    expect(first.page).toContain(`${PUBLIC_URL.replace('https://', '')}/b/`);
    expect(first.page).not.toContain('127.0.0.1');
    const reloaded = await (await teacher.get(first.location)).text();
    expect(codesOnPage(reloaded)).toEqual(codesOnPage(first.page));

    const single = await print(teacher, 'demo_s1');
    expect([...single.slips.keys()]).toEqual(['demo_s1']);

    const old = await parent();
    await old.choose('bind');
    expect(allText(await old.text(first.slips.get('demo_s1')!))).toContain(
      '这张绑定条已作废，请向班主任要新的',
    );

    const classmate = await parent();
    await classmate.choose('bind');
    expect(lastText(await classmate.text(first.slips.get('demo_s2')!))).toContain('李*朵');
    await classmate.choose('yes');
    expect(allText(await classmate.choose('father'))).toContain('绑定成功');

    const home = await (await teacher.get('/console')).text();
    expect(home.match(/data-progress="demo_p3_2">([\s\S]*?)<\/td>/)?.[1]).toContain('1 / 2');
    const short = await fetch(`${target.baseUrl}/b/${single.slips.get('demo_s1')}`, { redirect: 'manual' });
    expect(short.headers.get('location')).toBe(`/chat?bind=${single.slips.get('demo_s1')}`);
  });

  it("carries a parent's message to the class teacher's inbox and the teacher's reply back into the chat", async () => {
    const teacher = await staff('demo-teacher');
    const { slips } = await print(teacher, 'demo_s1');
    const chat = await parent();
    await chat.choose('bind');
    await chat.text(slips.get('demo_s1')!);
    await chat.choose('yes');
    await chat.choose('mother');

    await chat.choose('contact');
    await chat.choose('application');
    await chat.text('申请表交给谁？');
    await chat.upload(TINY_PNG);
    const pick = await chat.choose('yes');
    const child = pick.messages
      .flatMap((message) => ('choices' in message ? message.choices : []))
      .find((choice) => choice.label.includes('王*明'));
    expect(child).toBeDefined();
    expect(allText(await chat.choose(child!.value))).toContain('已转给 三年级二班 班主任');

    const home = await (await teacher.get('/console')).text();
    expect(home).toMatch(/data-nav="inbox">[^<]*<span class="badge"[^>]*>1</);
    const list = await (await teacher.get('/console/inbox')).text();
    const threadId = list.match(/data-thread="(th_[a-z0-9]+)"/)?.[1];
    expect(threadId).toBeDefined();
    const thread = await (await teacher.get(`/console/inbox/${threadId}`)).text();
    expect(thread).toContain('申请表交给谁？');
    const photo = thread.match(/src="(\/console\/inbox\/[^"]+\/photos\/[^"]+)"/)?.[1];
    const image = await teacher.get(photo!);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(TINY_PNG);

    const replied = await teacher.post(`/console/inbox/${threadId}/reply`, { body: '交给班主任即可。' });
    expect(replied.status).toBe(303);
    const last = (await chat.history()).at(-1)!;
    expect(last.direction).toBe('out');
    expect(last.payload).toMatchObject({ type: 'text', from: expect.stringContaining('三年级二班 班主任') });
    expect(JSON.stringify(last.payload)).toContain('交给班主任即可。');
    expect(allText(await chat.choose('messages'))).toContain('已回复');
  });
});
