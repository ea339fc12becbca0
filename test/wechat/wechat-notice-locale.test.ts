import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueBindingCodes } from '../../src/binding/binding-service.js';
import { guardians, studentGuardians, students } from '../../src/db/schema.js';
import { t } from '../../src/i18n/index.js';
import type { SimulatedFollower } from '../../tools/wechat-sim/index.js';
import { ConsoleClient } from '../support/console-client.js';
import { draftNotice, familyRows } from '../support/notice-world.js';
import { createTestSchool, TEST_PASSWORD } from '../support/test-school.js';
import { makeWechatWorld, type WechatWorld } from './wechat-world.js';

// A WeChat parent who reads English gets the school's notice and its reminder in English: the customer-service
// message, the template message after the 48-hour window, and the wording for a chat without buttons.

const HOUR = 60 * 60_000;

describe('notices to a WeChat parent in their own language', { timeout: 120_000 }, () => {
  let world: WechatWorld;
  let parent: SimulatedFollower;
  let officer: ConsoleClient;
  let noticeId = '';
  const studentId = 'es00000';

  const reply = async (text: string) => (await parent.text(text)).reply?.Content ?? '';

  beforeAll(async () => {
    world = await makeWechatWorld();
    const { deps } = world.harness;
    await createTestSchool(deps);
    const rows = await familyRows({
      count: 1,
      schoolId: 'sch1',
      classIds: ['c32'],
      now: deps.clock.now(),
      prefix: 'e',
    });
    await deps.database.atomic([
      deps.database.db.insert(students).values(rows.students),
      deps.database.db.insert(guardians).values(rows.guardians),
      deps.database.db.insert(studentGuardians).values(rows.studentGuardians),
    ]);
    const code = (await issueBindingCodes(deps, 'teacher32', 'sch1', [studentId], null)).get(studentId)!;
    officer = new ConsoleClient(async (path, init) => world.app.request(path, init));
    expect((await officer.logIn('officer1', TEST_PASSWORD)).status).toBe(303);

    parent = world.follower('oEnglish0001');
    await parent.subscribe();
    await reply('language');
    expect(await reply('English')).toContain(t('en', 'flows.language.done'));
    expect(await reply('bind')).toContain(t('en', 'flows.bind.code_prompt'));
    await reply(code);
    await reply('yes');
    expect(await reply('Mother')).toContain(t('en', 'textChat.flows.menu.prompt'));
  }, 60_000);
  afterAll(() => world.close());

  it('sends the notice card in English, as text with its link', async () => {
    noticeId = (await draftNotice(officer, { scope: 'classes', classIds: 'c32', confirmation: 'sign' }))
      .split('/')
      .at(-1)!;
    const before = world.simulator.sent.length;
    expect((await officer.post(`/console/notices/${noticeId}/send`)).status).toBe(303);
    await world.harness.queue.drain();
    const [message] = world.simulator.sent.slice(before);
    expect(message).toMatchObject({ kind: 'custom', openId: 'oEnglish0001' });
    expect(message!.text).toContain('has sent a notice to the parents of');
    expect(message!.text).toContain(t('en', 'notices.card.ask_sign'));
    expect(message!.text).toContain(`>${t('en', 'notices.card.open')}</a>`);
    expect(message!.text).not.toMatch(/[发来通知]/);
  });

  it('reminds her in English by template message once the 48-hour window has closed', async () => {
    world.harness.clock.advance(49 * HOUR);
    expect((await officer.logIn('officer1', TEST_PASSWORD)).status).toBe(303);
    const before = world.simulator.sent.length;
    expect((await officer.post(`/console/notices/${noticeId}/remind`)).status).toBe(303);
    await world.harness.queue.drain();
    const [message] = world.simulator.sent.slice(before);
    expect(message).toMatchObject({ kind: 'template', openId: 'oEnglish0001' });
    expect(message!.data?.thing1?.value).toBe('Reminder: 小学学生资助政策明…');
    // Who it is for and what to do, within the field's 20 characters (the title above was cut to fit).
    expect(message!.data?.thing2?.value).toBe('学*****0: please sign');
    expect(message!.url).toMatch(/^https:\/\/mingbai\.example\.edu\.cn\/n\//);
  });
});
