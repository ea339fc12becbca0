import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sentNoticeWorld } from '../support/sent-notice.js';

type World = Awaited<ReturnType<typeof sentNoticeWorld>>;

describe('before sending, the page says who the notice will reach', { timeout: 30_000 }, () => {
  let world: World;
  beforeAll(async () => {
    // 12 families in 三年级(2)班, the first 3 without any bound channel.
    world = await sentNoticeWorld({
      families: 12,
      unbound: 3,
      sendThenPaper: true,
      config: { REMINDER_AFTER_HOURS: '' },
    });
  }, 60_000);
  afterAll(() => world.close());

  const figure = (html: string, name: string) =>
    new RegExp(`data-reach="${name}"[^>]*>\\s*<b>(\\d+)</b>`).exec(html)?.[1];

  it('counts the families, the ones a channel reaches and the ones none reaches', () => {
    const html = world.draftPage;
    expect(figure(html, 'families')).toBe('12');
    expect(figure(html, 'reached')).toBe('9');
    expect(figure(html, 'unreached')).toBe('3');
    expect(html).toContain('网页聊天 9 户');
  });

  it('lists the unreached families by class with masked names, never in full', () => {
    const html = world.draftPage;
    const rows = [...html.matchAll(/<tr data-student="([^"]+)">([\s\S]*?)<\/tr>/g)];
    expect(rows.map((row) => row[1])).toEqual(['fs00000', 'fs00001', 'fs00002']);
    expect(rows[0]![2]).toContain('三年级(2)班');
    expect(rows[0]![2]).toContain('学*****0');
    expect(html).not.toContain('学生00000');
    expect(html).toContain('id="send-and-paper"');
    expect(html).toContain('发送，然后打印纸质明白卡（3 户）');
  });

  it('"send, then print" sends and opens the paper 明白卡 list of the same 3 families', async () => {
    expect(world.sentTo).toBe(`/console/notices/${world.noticeId}/paper`);
    const list = await (await world.officer.get(world.sentTo!)).text();
    expect([...list.matchAll(/<tr data-recipient="/g)]).toHaveLength(3);
    expect(list).toContain('打印纸质明白卡（3 户）');
    const sent = await (await world.officer.get(`/console/notices/${world.noticeId}`)).text();
    expect(sent).not.toContain('id="reach"');
    expect(sent).toContain('有 3 户家庭还没有绑定任何渠道');
  });
});

describe('a draft every family can receive online', { timeout: 30_000 }, () => {
  let world: World;
  beforeAll(async () => {
    world = await sentNoticeWorld({ families: 5, config: { REMINDER_AFTER_HOURS: '' } });
  }, 60_000);
  afterAll(() => world.close());

  it('says so and offers only the plain send button', () => {
    expect(world.draftPage).toContain('每户家庭都至少有一位家长绑定了「明白」');
    expect(world.draftPage).not.toContain('id="send-and-paper"');
    expect(world.draftPage).not.toContain('id="unreached"');
    expect(world.sentTo).toBe(`/console/notices/${world.noticeId}`);
  });
});
