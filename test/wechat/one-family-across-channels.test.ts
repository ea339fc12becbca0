import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueBindingCodes } from '../../src/binding/binding-service.js';
import { guardianBindings, noticeRecipients, outbox } from '../../src/db/schema.js';
import { noticeVersionStats } from '../../src/notices/notice-stats.js';
import type { SimulatedFollower, WebhookAnswer } from '../../tools/wechat-sim/index.js';
import { ConsoleClient } from '../support/console-client.js';
import { draftNotice, familyRows, insertFamilies } from '../support/notice-world.js';
import { createTestSchool, TEST_PASSWORD } from '../support/test-school.js';
import { makeWechatWorld, type WechatWorld } from './wechat-world.js';

// One family across channels: a mother bound in the web chat binds the same child from the Official Account.
// She is one guardian: each notice is one message to her, on the channel she used last, falling back to the
// other when WeChat refuses it; the dashboard counts her once, as delivered, and says which channel did it.

const MINUTE = 60_000;

describe('a guardian on the web chat and on WeChat', { timeout: 120_000 }, () => {
  let world: WechatWorld;
  let mother: SimulatedFollower;
  let officer: ConsoleClient;
  const studentId = 'xs00000';
  const openId = 'oMother0001';

  const answer = async (sending: Promise<WebhookAnswer>) => {
    const reply = await sending;
    expect(reply.status).toBe(200);
    return reply.reply?.Content ?? '';
  };

  /** The officer sends a 明白卡 to the class; the delivery job runs. Returns the sent version's id. */
  const sendNotice = async (): Promise<{ noticeId: string; versionId: string }> => {
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
    const [recipient] = await world.harness.deps.database.db
      .select({ versionId: noticeRecipients.versionId })
      .from(noticeRecipients)
      .where(eq(noticeRecipients.noticeId, noticeId));
    return { noticeId, versionId: recipient!.versionId };
  };

  const attempts = async (versionId: string) =>
    world.harness.deps.database.db
      .select({
        channel: outbox.channel,
        address: outbox.address,
        status: outbox.status,
        reason: outbox.failReason,
      })
      .from(outbox)
      .where(and(eq(outbox.groupId, versionId), eq(outbox.topic, 'notice')))
      .orderBy(sql`${outbox}.rowid`);

  beforeAll(async () => {
    world = await makeWechatWorld();
    const { deps } = world.harness;
    await createTestSchool(deps);
    // The mother, bound in the web chat (roster guardian xg00000, relation mother).
    await insertFamilies(
      deps,
      await familyRows({ count: 1, schoolId: 'sch1', classIds: ['c32'], now: deps.clock.now(), prefix: 'x' }),
    );
    officer = new ConsoleClient(async (path, init) => world.app.request(path, init));
    expect((await officer.logIn('officer1', TEST_PASSWORD)).status).toBe(303);

    // Later she follows the Official Account and binds the same child there, typing her answers.
    world.harness.clock.advance(MINUTE);
    const code = (await issueBindingCodes(deps, 'teacher32', 'sch1', [studentId], null)).get(studentId)!;
    mother = world.follower(openId);
    await answer(mother.subscribe());
    await answer(mother.text('绑定孩子'));
    await answer(mother.text(code));
    await answer(mother.text('是的'));
    expect(await answer(mother.text('母亲'))).toContain('绑定成功');
    const bindings = await deps.database.db
      .select({ channel: guardianBindings.channel, guardianId: guardianBindings.guardianId })
      .from(guardianBindings)
      .where(eq(guardianBindings.studentId, studentId));
    expect(bindings).toEqual(
      expect.arrayContaining([
        { channel: 'web', guardianId: 'xg00000' },
        { channel: 'wechat', guardianId: 'xg00000' },
      ]),
    );
  }, 60_000);
  afterAll(() => world.close());

  it('sends one message on WeChat, which she used last, and counts it delivered (WeChat accepted it)', async () => {
    const sentBefore = world.simulator.sent.length;
    const { versionId } = await sendNotice();
    expect(await attempts(versionId)).toEqual([
      { channel: 'wechat', address: `oa:${openId}`, status: 'sent', reason: null },
    ]);
    expect(world.simulator.sent.slice(sentBefore).map((message) => message.openId)).toEqual([openId]);
    const { overall } = await noticeVersionStats(world.harness.deps, versionId);
    expect(overall).toMatchObject({ total: 1, delivered: 1, failed: 0, queued: 0 });
  });

  it('falls back to the web chat when WeChat refuses, and counts her delivered via the web chat', async () => {
    // She left the account without WeChat telling us (no unsubscribe event): WeChat refuses the message.
    world.simulator.unfollow(openId);
    world.harness.clock.advance(MINUTE);
    const { noticeId, versionId } = await sendNotice();
    expect(await attempts(versionId)).toEqual([
      { channel: 'wechat', address: `oa:${openId}`, status: 'failed', reason: 'wechat_40003' },
      { channel: 'web', address: 'xc00000', status: 'delivered', reason: null },
    ]);
    const { overall } = await noticeVersionStats(world.harness.deps, versionId);
    expect(overall).toMatchObject({ total: 1, delivered: 1, failed: 0, queued: 0, noChannel: 0 });

    const dashboard = await (await officer.get(`/console/notices/${noticeId}/dashboard`)).text();
    expect(dashboard).toMatch(/data-tile="delivered">[^<]*<b>100%<\/b>/);
    const pending = await (await officer.get(`/console/notices/${noticeId}/pending`)).text();
    expect(pending).toContain('data-via="web"');
    expect(pending).toMatch(/网页聊天<small class="muted">（微信未送达）<\/small>/);
  });
});
