import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/password.js';
import { generateBindingCode } from '../../src/binding/binding-code.js';
import { bindingCodeHash } from '../../src/binding/code-hash.js';
import {
  type DeliveredMessage,
  type LineSimulator,
  lineEvents,
  sendWebhook,
  startLineSimulator,
  type WebhookEvent,
  webhookBody,
} from '../../tools/line-sim/index.js';
import { CHILD_ID } from '../applications/application-world.js';
import { ConsoleClient } from '../support/console-client.js';
import { draftNotice, schoolSql } from '../support/notice-world.js';
import { addSecondPage } from '../support/photo-page.js';
import { signatureBody } from '../support/signature-body.js';
import { nodeTarget, type Target, WORKER_TEST_SECRET, workerTarget } from '../support/targets.js';
import { TEST_PASSWORD } from '../support/test-school.js';

// The whole LINE journey on both runtimes, with the real SDK pointed at the simulator: a mother follows the
// account, checks which aid her child may get, binds the child with the slip's code, applies with two document
// photos sent as LINE images and a third added on the LIFF photo page, and submits; the class teacher sends a
// notice from the console, which reaches her as a Flex card; its LIFF page (the simulator's ID token) marks it
// read, she signs, and the receipt says LINE. Photos are stored on disk under Node and in R2 under workerd.

const SECRET = 'conformance-line-journey-secret';
const TOKEN = 'conformance-line-journey-token';
const CHANNEL = '1657000000';
const LIFF_ID = `${CHANNEL}-JourneyC`;
const PHOTO = readFileSync(join(import.meta.dirname, '../fixtures/documents/gps-orientation-6.jpg'));
const CODE = generateBindingCode();

async function seed(): Promise<string> {
  const now = Date.now();
  const hash = await hashPassword(TEST_PASSWORD);
  const codeHash = await bindingCodeHash({ BINDING_CODE_SECRET: WORKER_TEST_SECRET }, CODE);
  return [
    schoolSql({ passwordHash: hash, now, classIds: ['k1'] }),
    `INSERT INTO students (id, school_id, class_id, student_number, name, created_at, updated_at) VALUES ('st1', 'sch1', 'k1', 'S0001', '王小明', ${now}, ${now});`,
    `INSERT INTO staff_accounts (id, username, display_name, role, school_id, district_id, password_hash, disabled, is_demo, created_at) VALUES ('teacher1', 'teacher1', '李老师', 'class_teacher', 'sch1', 'd1', '${hash.replace(/'/g, "''")}', 0, 0, ${now});`,
    `INSERT INTO staff_classes (staff_id, class_id) VALUES ('teacher1', 'k1');`,
    `INSERT INTO binding_codes (code_hash, student_id, created_by, created_at, expires_at) VALUES ('${codeHash}', 'st1', 'officer1', ${now}, ${now + 30 * 86_400_000});`,
  ].join('\n');
}

let sim: LineSimulator;
const simulator = startLineSimulator({ channelAccessToken: TOKEN, channelId: CHANNEL }).then((started) => {
  sim = started;
  return started;
});
const seeded = seed();
const settings = async () => ({
  SEED_DEMO: 'false',
  BINDING_CODE_SECRET: WORKER_TEST_SECRET,
  LINE_CHANNEL_SECRET: SECRET,
  LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
  PUBLIC_URL: 'https://mingbai.example.edu.cn',
  LINE_API_BASE_URL: (await simulator).url,
  LINE_DATA_API_BASE_URL: (await simulator).url,
  LINE_LIFF_ID: LIFF_ID,
});
const targets: [string, (vars: Record<string, string>, sql: string) => Target][] = [
  ['node', (vars, sql) => nodeTarget(vars, { seedSql: sql })],
  ['worker', (vars, sql) => workerTarget(vars, { seedSql: sql })],
];

type QuickItem = { action: { type: string; data?: string; label: string; uri?: string } };

describe.each(targets)('a LINE family on %s', (_name, makeTarget) => {
  let target: Target;
  let mother: { userId: string };
  const fetcher = (path: string, init?: RequestInit) =>
    fetch(`${target.baseUrl}${path}`, { redirect: 'manual', ...init });
  const logIn = async (username: string) => {
    const client = new ConsoleClient(fetcher, target.baseUrl);
    expect((await client.logIn(username, TEST_PASSWORD)).status).toBe(303);
    return client;
  };

  beforeAll(async () => {
    target = makeTarget(await settings(), await seeded);
    await target.start();
    mother = sim.addUser({ language: 'zh-CN', displayName: '王妈妈' });
  }, 180_000);
  afterAll(async () => {
    await target?.dispose();
  });

  /** Waits until she has `count` more messages than `before`, then a little longer, so a duplicate shows. */
  async function received(before: number, count = 1): Promise<DeliveredMessage[]> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (sim.messagesTo(mother.userId).length >= before + count) {
        await new Promise((resolve) => setTimeout(resolve, 300));
        return sim.messagesTo(mother.userId).slice(before);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no message within 30 s:\n${target.output().slice(-3000)}`);
  }
  /** What LINE does when she acts: a signed webhook with a fresh reply token; returns what she received. */
  const act = async (event: (replyToken: string) => WebhookEvent) => {
    const before = sim.messagesTo(mother.userId).length;
    const body = webhookBody([event(sim.issueReplyToken(mother.userId))]);
    const response = await sendWebhook(`${target.baseUrl}/webhook/line`, SECRET, body);
    expect(response.status).toBe(200);
    const messages = await received(before);
    // Every turn is answered once, by its reply token.
    expect(messages.every((message) => message.via === 'reply')).toBe(true);
    return messages;
  };
  const say = (text: string) => act((replyToken) => lineEvents.text(mother.userId, text, { replyToken }));
  const tap = (value: string) =>
    act((replyToken) => lineEvents.postback(mother.userId, `choice:${value}`, { replyToken }));
  const sendPhoto = (id: string) => {
    sim.addContent(id, PHOTO, 'image/jpeg');
    return act((replyToken) => lineEvents.image(mother.userId, id, { replyToken }));
  };
  const quickReplies = (messages: DeliveredMessage[]): QuickItem[] =>
    (messages.at(-1)?.message.quickReply as { items: QuickItem[] } | undefined)?.items ?? [];
  const texts = (messages: DeliveredMessage[]) =>
    messages.map((message) => JSON.stringify(message.message)).join('\n');

  it('checks the aid, binds the child, applies with LINE photos and the LIFF photo page, and signs the notice', async () => {
    // Follow, then the aid check to its Flex result card.
    const welcome = await act((replyToken) => lineEvents.follow(mother.userId, { replyToken }));
    expect(quickReplies(welcome).map((item) => item.action.data)).toContain('choice:eligibility');
    let reply = await tap('eligibility');
    for (let guard = 0; guard < 14 && !reply.some((message) => message.message.type === 'flex'); guard++) {
      const items = quickReplies(reply);
      expect(items.length, texts(reply)).toBeGreaterThan(0);
      reply = await tap(items[0]!.action.data!.slice('choice:'.length));
    }
    expect(
      reply.some((message) => message.message.type === 'flex'),
      texts(reply),
    ).toBe(true);

    // Bind with the slip's code.
    await say('绑定');
    expect(texts(await say(CODE))).toContain('王*明');
    await tap('yes');
    expect(texts(await tap('mother'))).not.toContain('失败');

    // Apply: two documents, each a photo sent as a LINE image, and one more page added on the LIFF page.
    await say('菜单');
    expect(texts(await say('申请资助'))).toContain('申请哪一项资助');
    expect(texts(await tap('compulsory_living_subsidy'))).toContain('测试1班');
    expect(texts(await tap('yes'))).toContain('身份证号');
    expect(texts(await say(CHILD_ID))).toContain('家里属于哪种情况');
    expect(texts(await say('低保'))).toContain('用您自己的话');
    const firstDocument = await say('家里四口人，父亲生病。');
    expect(quickReplies(firstDocument).map((item) => item.action.type)).toContain('cameraRoll');
    expect(texts(await sendPhoto(`doc-1-${target.name}`))).toContain('第 1 张');
    const offered = await tap('page');
    expect(texts(offered)).toContain(`"uri":"https://liff.line.me/${LIFF_ID}/apply"`);
    expect((await fetcher('/liff/apply')).status).toBe(200);
    const opened = await fetcher('/liff/api/apply/open', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ idToken: sim.issueIdToken(mother.userId) }),
    });
    expect(opened.status).toBe(200);
    const { next } = (await opened.json()) as { next: string };
    const { kind, uploaded } = await addSecondPage(fetcher, next, PHOTO);
    expect(await uploaded.json()).toMatchObject({ kind, count: 2 });
    expect(texts(await tap('uploaded'))).toContain('低保证');
    await sendPhoto(`doc-2-${target.name}`);
    expect(texts(await tap('done'))).toContain('书面承诺');
    expect(texts(await tap('yes'))).toContain('隐私说明');
    expect(texts(await tap('yes'))).toContain('请核对申请内容');
    expect(texts(await tap('submit'))).toContain('已提交给班主任审查');

    // The teacher sees it in her queue; the aid officer sees the three photos, stored without their GPS.
    const teacher = await logIn('teacher1');
    const queue = await (await teacher.get('/console/applications')).text();
    const id = queue.match(/href="\/console\/applications\/(app_[a-z0-9]+)"/)?.[1];
    expect(id, queue.slice(0, 2000)).toBeDefined();
    const officer = await logIn('officer1');
    const detail = await (await officer.get(`/console/applications/${id}`)).text();
    const links = [...detail.matchAll(/src="(\/console\/applications\/[^"]+\/documents\/[^"]+)"/g)].map(
      (match) => match[1]!.replace(/&amp;/g, '&'),
    );
    expect(links).toHaveLength(3);
    for (const link of links) {
      const photo = await officer.get(link);
      expect(photo.status).toBe(200);
      expect(photo.headers.get('content-type')).toBe('image/jpeg');
      expect(new TextDecoder('latin1').decode(await photo.arrayBuffer())).not.toContain('GPS');
    }

    // The class teacher sends a notice to her class: it reaches the mother once, as a Flex card.
    const notice = await draftNotice(teacher, {
      scope: 'classes',
      classIds: 'k1',
      confirmation: 'sign',
    });
    const before = sim.messagesTo(mother.userId).length;
    expect((await teacher.post(`${notice}/send`)).status).toBe(303);
    const pushed = await received(before);
    expect(pushed).toHaveLength(1);
    expect(pushed[0]!).toMatchObject({ via: 'push', message: { type: 'flex' } });
    const uri = /"uri":"([^"]+)"/.exec(JSON.stringify(pushed[0]!.message.contents))?.[1];
    expect(uri).toMatch(new RegExp(`^https://liff\\.line\\.me/${LIFF_ID}/n/[A-Za-z0-9_-]+$`));
    const link = new URL(uri!).pathname.replace(`/${LIFF_ID}`, '');

    // The LIFF page: the ID token is checked with LINE, which marks the notice read; then she signs.
    expect((await fetcher(`/liff${link}`)).status).toBe(200);
    const liff = await fetcher(`/liff/api/notices${link.slice('/n'.length)}/open`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ idToken: sim.issueIdToken(mother.userId) }),
    });
    expect(liff.status).toBe(200);
    expect(((await liff.json()) as { next: string }).next).toBe(link);
    const cookie = liff.headers.get('set-cookie')!.split(';')[0]!;
    const headers = { origin: target.baseUrl, cookie };
    const answered = await fetcher(link, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ q0: '1' }).toString(),
    });
    expect(answered.status).toBe(200);
    const signed = await fetcher(`${link}/signature`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: signatureBody(),
    });
    expect(signed.status, await signed.clone().text()).toBe(201);

    // The teacher's notice page lists the receipt, given through LINE.
    const page = await (await teacher.get(notice)).text();
    expect(page).toContain('王小明');
    expect(page).toMatch(/<td>LINE<\/td>/);

    // Nothing answered twice, nothing failed on the server.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(sim.messagesTo(mother.userId)).toHaveLength(before + 1);
    expect(target.output()).not.toMatch(/"status":5\d\d/);
    expect(target.output()).not.toContain('job failed');
  });
});

afterAll(async () => {
  await (await simulator).close();
});
