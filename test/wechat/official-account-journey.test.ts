import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueBindingCodes } from '../../src/binding/binding-service.js';
import { chatUploads, guardianBindings, outbox } from '../../src/db/schema.js';
import { stripPhotoMetadata } from '../../src/documents/index.js';
import { t } from '../../src/i18n/index.js';
import type { SimulatedFollower, WebhookAnswer } from '../../tools/wechat-sim/index.js';
import { ConsoleClient } from '../support/console-client.js';
import { draftNotice, familyRows } from '../support/notice-world.js';
import { createTestSchool, TEST_PASSWORD } from '../support/test-school.js';
import { makeWechatWorld, type WechatWorld } from './wechat-world.js';

// The acceptance journey through the Official Account simulator: a parent follows the account, checks what
// their child may get, binds with the slip's code, sends a photo with a question to the teacher, and receives
// the school's notice: as a customer-service message while they wrote recently, as a template message later.

const GPS_JPEG = readFileSync(join(import.meta.dirname, '../fixtures/documents/gps-orientation-6.jpg'));
const HOUR = 60 * 60_000;

describe('a parent on the Official Account', { timeout: 120_000 }, () => {
  let world: WechatWorld;
  let parent: SimulatedFollower;
  let officer: ConsoleClient;
  let code = '';
  const studentId = 'ws00000';

  /** What the parent read after a message: the passive reply, or what arrived through the API instead. */
  const read = async (sending: Promise<WebhookAnswer>): Promise<string> => {
    const before = world.simulator.sent.length;
    const answer = await sending;
    expect(answer.status).toBe(200);
    if (answer.reply) return answer.reply.Content ?? '';
    for (let waited = 0; waited < 5_000 && world.simulator.sent.length === before; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    return world.simulator.sent
      .slice(before)
      .map((message) => message.text ?? '')
      .join('\n');
  };

  const sendNotice = async () => {
    const noticeId = (
      await draftNotice(officer, {
        scope: 'classes',
        classIds: 'c32',
        confirmation: 'sign',
      })
    )
      .split('/')
      .at(-1)!;
    expect((await officer.post(`/console/notices/${noticeId}/send`)).status).toBe(303);
    await world.harness.queue.drain();
  };

  beforeAll(async () => {
    world = await makeWechatWorld({ config: { WECHAT_OA_REPLY_WITHIN_MS: '300' } });
    const { deps } = world.harness;
    await createTestSchool(deps);
    const rows = await familyRows({
      count: 1,
      schoolId: 'sch1',
      classIds: ['c32'],
      now: deps.clock.now(),
      prefix: 'w',
    });
    const { students, guardians, studentGuardians } = await import('../../src/db/schema.js');
    await deps.database.atomic([
      deps.database.db.insert(students).values(rows.students),
      deps.database.db.insert(guardians).values(rows.guardians),
      deps.database.db.insert(studentGuardians).values(rows.studentGuardians),
    ]);
    const codes = await issueBindingCodes(deps, 'teacher32', 'sch1', [studentId], null);
    code = codes.get(studentId)!;
    parent = world.follower('oJourney0001');
    officer = new ConsoleClient(async (path, init) => world.app.request(path, init));
    expect((await officer.logIn('officer1', TEST_PASSWORD)).status).toBe(303);
  }, 60_000);
  afterAll(() => world.close());

  it('follows and checks what the child may get, answering by number', async () => {
    const greeting = await read(parent.subscribe());
    expect(greeting).toContain(t('zh-CN', 'chat.greeting'));
    let reply = await read(parent.text('1'));
    const asked: string[] = [];
    for (let guard = 0; guard < 15 && !reply.includes('【'); guard++) {
      expect(reply).toContain(t('zh-CN', 'wechat.reply_number'));
      asked.push(reply);
      reply = await read(parent.text('1'));
    }
    expect(asked.length).toBeGreaterThan(1);
    expect(reply).toContain('【');
    // A cited, dated answer with the anti-fraud line, and what to do next as numbered choices.
    expect(reply).toContain('依据：');
    expect(reply).toContain('资助不收取任何费用');
    expect(reply).toContain('1. ');
  });

  it('binds the child with the code from the slip', async () => {
    expect(await read(parent.text('绑定'))).toContain(t('zh-CN', 'flows.bind.code_prompt'));
    const confirm = await read(parent.text(code));
    expect(confirm).toContain('学*00000'.slice(0, 1));
    expect(confirm).not.toContain('学生00000');
    await read(parent.text('1'));
    const done = await read(parent.text('1'));
    expect(done).not.toContain('学生00000');
    const bindings = await world.harness.deps.database.db
      .select()
      .from(guardianBindings)
      .where(eq(guardianBindings.studentId, studentId));
    expect(bindings).toMatchObject([{ channel: 'wechat', identity: 'oa:oJourney0001', relation: 'father' }]);
  });

  it('sends a photo with a question; the slow download is answered through the customer-service API', async () => {
    expect(await read(parent.text('联系资助老师'))).toContain(t('zh-CN', 'wechat.reply_number'));
    await read(parent.text('1'));
    const photoAsk = await read(parent.text('生活补助什么时候发？'));
    expect(photoAsk).toContain(t('zh-CN', 'wechat.send_photo'));
    // The media download takes longer than the reply window: WeChat gets "success" and the answer follows.
    world.simulator.delayNext('/cgi-bin/media/get', 600);
    const sentBefore = world.simulator.sent.length;
    const afterPhoto = await read(parent.image(GPS_JPEG, 'image/jpeg'));
    expect(world.simulator.sent.length).toBeGreaterThan(sentBefore);
    expect(afterPhoto).toContain('生活补助什么时候发？');
    const [upload] = await world.harness.deps.database.db.select().from(chatUploads);
    expect(upload?.contentType).toBe('image/jpeg');
    const stored = await world.harness.deps.blobs.get(upload!.blobKey);
    // Stored as the document pipeline left it: GPS, camera, date and comment gone, the orientation kept.
    const stripped = stripPhotoMetadata(GPS_JPEG, { maxBytes: 8 * 1024 * 1024 });
    if (!stripped.ok) throw new Error(stripped.reason);
    expect(stripped.value.removed).toEqual(expect.arrayContaining(['APP1 Exif', 'COM']));
    expect(Buffer.from(stored!.bytes).equals(Buffer.from(stripped.value.bytes))).toBe(true);
    expect(stored!.bytes.length).toBeLessThan(GPS_JPEG.length);
    const which = await read(parent.text('1'));
    expect(which).toContain('三年级(2)班');
    expect(which).not.toContain('学生00000');
    const sent = await read(parent.text('1'));
    expect(sent).toContain('已转给');
  });

  it('receives the notice as a customer-service message with a link to its page', async () => {
    const before = world.simulator.sent.length;
    await sendNotice();
    const [message] = world.simulator.sent.slice(before);
    expect(message).toMatchObject({ kind: 'custom', openId: 'oJourney0001' });
    expect(message!.text).toContain('小学学生资助政策明白卡');
    const link = message!.text!.match(/href="https:\/\/mingbai\.example\.edu\.cn(\/n\/[^"]+)"/)?.[1];
    expect(link).toBeDefined();
    const page = await world.app.request(link!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('资助不收取任何费用');
    const rows = await world.harness.deps.database.db
      .select()
      .from(outbox)
      .where(eq(outbox.channel, 'wechat'));
    expect(rows.map((row) => row.status)).toEqual(['sent']);
  });

  it('after 48 hours of silence the next notice goes as a template message, even with an expired token', async () => {
    world.harness.clock.advance(49 * HOUR);
    world.simulator.revokeTokens();
    // The officer's session ran out meanwhile.
    expect((await officer.logIn('officer1', TEST_PASSWORD)).status).toBe(303);
    const tokens = world.simulator.tokensIssued();
    const before = world.simulator.sent.length;
    await sendNotice();
    const [message] = world.simulator.sent.slice(before);
    expect(message).toMatchObject({
      kind: 'template',
      openId: 'oJourney0001',
      templateId: 'TPL_notice_0123456789',
    });
    expect(message!.url).toMatch(/^https:\/\/mingbai\.example\.edu\.cn\/n\//);
    expect(message!.data?.thing1?.value).toBe('小学学生资助政策明白卡');
    expect(world.simulator.tokensIssued()).toBe(tokens + 1);
    // No customer-service message was attempted past the window.
    const customTries = world.simulator.calls.filter(
      (call) => call.path === '/cgi-bin/message/custom/send' && call.at >= world.harness.clock.now(),
    );
    expect(customTries).toHaveLength(0);
  });

  it('after unfollowing, a notice is recorded as failed, not sent', async () => {
    await parent.unsubscribe();
    const before = world.simulator.sent.length;
    await sendNotice();
    expect(world.simulator.sent.length).toBe(before);
    const rows = await world.harness.deps.database.db
      .select()
      .from(outbox)
      .where(eq(outbox.channel, 'wechat'));
    expect(rows.map((row) => row.failReason ?? row.status).sort()).toEqual(['sent', 'sent', 'unfollowed']);
  });
});
