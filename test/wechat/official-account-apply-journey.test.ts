import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueBindingCodes } from '../../src/binding/binding-service.js';
import {
  applicationDocuments,
  applications,
  chatUploads,
  noticeReceipts,
  noticeRecipients,
  outbox,
} from '../../src/db/schema.js';
import { stripPhotoMetadata } from '../../src/documents/index.js';
import { t } from '../../src/i18n/index.js';
import type { SimulatedFollower, WebhookAnswer } from '../../tools/wechat-sim/index.js';
import { CHILD_ID } from '../applications/application-world.js';
import { SITUATION } from '../applications/journey-helpers.js';
import { ConsoleClient } from '../support/console-client.js';
import { draftNotice, familyRows } from '../support/notice-world.js';
import { signatureBody } from '../support/signature-body.js';
import { createTestSchool, TEST_PASSWORD } from '../support/test-school.js';
import { makeWechatWorld, type WechatWorld } from './wechat-world.js';

// The acceptance journey through the Official Account simulator, typed as a parent types in WeChat (numbers
// and words, no buttons): the aid check, binding, an application through flows/apply.json with two photos sent
// as image messages, then the school's notice, its link opened and signed; the receipt says channel wechat.
// The whole conversation is written to test-artifacts/wechat-oa-journey.txt, to be read as the parent reads it.

const FIXTURES = join(import.meta.dirname, '../fixtures/documents');
const HUKOU = readFileSync(join(FIXTURES, 'gps-orientation-6.jpg'));
const DIBAO = readFileSync(join(FIXTURES, 'metadata.png'));
const ORIGIN = 'https://mingbai.example.edu.cn';
const TAPPING = /按钮|点「|点下面/;

describe('a parent applies and signs through the Official Account', { timeout: 120_000 }, () => {
  let world: WechatWorld;
  let parent: SimulatedFollower;
  let officer: ConsoleClient;
  let code = '';
  const studentId = 'js00000';
  const transcript: string[] = [];

  /** Sends what the parent typed or sent, and returns what WeChat showed them (passive reply or API). */
  const say = async (what: string, sending: Promise<WebhookAnswer>): Promise<string> => {
    const before = world.simulator.sent.length;
    const answer = await sending;
    expect(answer.status).toBe(200);
    let reply = answer.reply?.Content ?? '';
    if (!answer.reply) {
      for (let waited = 0; waited < 5_000 && world.simulator.sent.length === before; waited += 20) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      reply = world.simulator.sent
        .slice(before)
        .map((message) => message.text ?? '')
        .join('\n');
    }
    transcript.push(`家长：${what}`, `明白：${reply}`, '');
    // Nothing a WeChat parent reads asks them to tap a button: there are none.
    expect(reply).not.toMatch(TAPPING);
    return reply;
  };
  const type = (text: string) => say(text, parent.text(text));

  beforeAll(async () => {
    world = await makeWechatWorld({ config: { SEED_DEMO: 'false' } });
    const { deps } = world.harness;
    await createTestSchool(deps);
    const rows = await familyRows({
      count: 1,
      schoolId: 'sch1',
      classIds: ['c32'],
      now: deps.clock.now(),
      prefix: 'j',
    });
    const { students, guardians, studentGuardians } = await import('../../src/db/schema.js');
    await deps.database.atomic([
      deps.database.db.insert(students).values(rows.students),
      deps.database.db.insert(guardians).values(rows.guardians),
      deps.database.db.insert(studentGuardians).values(rows.studentGuardians),
    ]);
    code = (await issueBindingCodes(deps, 'teacher32', 'sch1', [studentId], null)).get(studentId)!;
    parent = world.follower('oApply0001');
    officer = new ConsoleClient(async (path, init) => world.app.request(path, init));
    expect((await officer.logIn('officer1', TEST_PASSWORD)).status).toBe(303);
  }, 60_000);
  afterAll(async () => {
    mkdirSync(join(import.meta.dirname, '../../test-artifacts'), { recursive: true });
    writeFileSync(
      join(import.meta.dirname, '../../test-artifacts/wechat-oa-journey.txt'),
      transcript.join('\n'),
    );
    await world.close();
  });

  it('follows and checks what the child may get, answering by number', async () => {
    const greeting = await say('（关注公众号）', parent.subscribe());
    expect(greeting).toContain(t('zh-CN', 'chat.greeting'));
    expect(greeting).toContain(t('zh-CN', 'textChat.flows.menu.prompt'));
    let reply = await type('1');
    for (let guard = 0; guard < 15 && !reply.includes('【'); guard++) reply = await type('1');
    expect(reply).toContain('【');
    expect(reply).toContain('资助不收取任何费用');
  });

  it('binds the child, typing the code and the answers in words', async () => {
    expect(await type('绑定孩子')).toContain(t('zh-CN', 'flows.bind.code_prompt'));
    await type(code);
    await type('是的');
    expect(await type('母亲')).toContain('绑定成功');
  });

  it('applies through the chat with two photos sent as image messages', async () => {
    expect(await type('菜单')).toContain('申请资助');
    const programmes = await type('申请资助');
    expect(programmes).toContain('申请哪一项资助');
    const confirm = await type('1');
    expect(confirm).toContain('三年级(2)班');
    expect(await type('是的')).toContain('身份证号');
    expect(await type(CHILD_ID)).toContain('家里属于哪种情况');
    expect(await type('低保')).toContain('用您自己的话');
    const hukou = await type(SITUATION);
    expect(hukou).toContain('户口本');
    expect(hukou).toContain(t('zh-CN', 'wechat.send_photo'));

    expect(await say('（户口本照片）', parent.image(HUKOU, 'image/jpeg'))).toContain('第 1 张');
    expect(await type('拍好了')).toContain('低保证');
    expect(await say('（低保证照片）', parent.image(DIBAO, 'image/png'))).toContain('第 1 张');
    expect(await type('拍好了，下一步')).toContain('书面承诺');
    expect(await type('我承诺')).toContain('隐私说明');
    const summary = await type('我同意');
    expect(summary).toContain('请核对申请内容');
    expect(summary).toContain('1101**********001X');
    expect(await type('提交申请')).toContain('已提交给班主任审查');

    const [application] = await world.harness.deps.database.db.select().from(applications);
    expect(application).toMatchObject({ status: 'submitted', channel: 'wechat', identity: 'oa:oApply0001' });
    // Both photos went through the document pipeline: stored without their metadata.
    const stored = await world.harness.deps.database.db
      .select({ kind: applicationDocuments.kind, blobKey: chatUploads.blobKey })
      .from(applicationDocuments)
      .innerJoin(chatUploads, eq(chatUploads.id, applicationDocuments.uploadId))
      .where(eq(applicationDocuments.applicationId, application!.id));
    expect(stored.map((row) => row.kind).sort()).toEqual(['household_register', 'subsistence_certificate']);
    for (const [original, type] of [
      [HUKOU, 'image/jpeg'],
      [DIBAO, 'image/png'],
    ] as const) {
      const clean = stripPhotoMetadata(original, { maxBytes: 8 * 1024 * 1024 });
      if (!clean.ok) throw new Error(clean.reason);
      expect(clean.value.removed.length).toBeGreaterThan(0);
      const blobs = await Promise.all(stored.map((row) => world.harness.deps.blobs.get(row.blobKey)));
      const match = blobs.find((blob) => blob?.contentType === type);
      expect(Buffer.from(match!.bytes).equals(Buffer.from(clean.value.bytes))).toBe(true);
    }
  });

  it('receives the notice, opens its link and signs; the receipt records channel wechat', async () => {
    const noticeId = (
      await draftNotice(officer, {
        scope: 'classes',
        classIds: 'c32',
        confirmation: 'sign',
      })
    )
      .split('/')
      .at(-1)!;
    const before = world.simulator.sent.length;
    expect((await officer.post(`/console/notices/${noticeId}/send`)).status).toBe(303);
    await world.harness.queue.drain();
    // She wrote minutes ago: the notice comes as a customer-service message with her own link.
    const [message] = world.simulator.sent.slice(before);
    expect(message).toMatchObject({ kind: 'custom', openId: 'oApply0001' });
    transcript.push(`明白（通知）：${message!.text}`, '');
    expect(message!.text).not.toMatch(TAPPING);
    const link = message!.text!.match(/href="([^"]+\/n\/[A-Za-z0-9_-]+)"/)?.[1];
    expect(link).toBeDefined();
    const path = new URL(link!).pathname;

    const request = (init?: RequestInit) => world.app.request(`${ORIGIN}${path}`, init);
    const page = await request();
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('已阅读并知晓');
    const understood = await request({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      body: new URLSearchParams({ q0: '1' }).toString(),
    });
    expect(understood.status).toBe(200);
    const signed = await world.app.request(`${ORIGIN}${path}/signature`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: signatureBody(),
    });
    expect(signed.status).toBe(201);

    const [receipt] = await world.harness.deps.database.db
      .select()
      .from(noticeReceipts)
      .where(eq(noticeReceipts.studentId, studentId));
    expect(receipt).toMatchObject({ channel: 'wechat', studentId, relation: 'mother' });
    expect(receipt!.signaturePngKey).toBeTruthy();
    const [recipient] = await world.harness.deps.database.db
      .select()
      .from(noticeRecipients)
      .where(eq(noticeRecipients.studentId, studentId));
    expect(recipient!.signedAt).not.toBeNull();
    const rows = await world.harness.deps.database.db
      .select({ channel: outbox.channel, status: outbox.status })
      .from(outbox)
      .where(eq(outbox.subjectId, recipient!.id));
    expect(rows).toEqual([{ channel: 'wechat', status: 'sent' }]);
  });
});
