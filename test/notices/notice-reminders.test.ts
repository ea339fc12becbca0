import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { noticeReminderRounds, noticeReminderSends, outbox } from '../../src/db/schema.js';
import { runScheduledTasks } from '../../src/jobs/scheduled-tasks.js';
import { isQuietAt, nextSendableTime, runReminderRound } from '../../src/notices/index.js';
import { ConsoleClient } from '../support/console-client.js';
import { sentNoticeWorld } from '../support/sent-notice.js';
import { TEST_PASSWORD } from '../support/test-school.js';

const HOUR = 60 * 60_000;
// The test clock starts at 2026-09-01T08:00Z, 16:00 in Asia/Shanghai: outside the default quiet hours.

type World = Awaited<ReturnType<typeof sentNoticeWorld>>;

describe('quiet hours', () => {
  const quiet = { startMinute: 21 * 60, endMinute: 7 * 60 + 30 };
  const at = (iso: string) => Date.parse(iso);
  it('cover 21:00–07:30 in the configured time zone, across midnight', () => {
    expect(isQuietAt(at('2026-09-01T12:59:00Z'), 'Asia/Shanghai', quiet)).toBe(false); // 20:59
    expect(isQuietAt(at('2026-09-01T13:00:00Z'), 'Asia/Shanghai', quiet)).toBe(true); // 21:00
    expect(isQuietAt(at('2026-09-01T18:00:00Z'), 'Asia/Shanghai', quiet)).toBe(true); // 02:00
    expect(isQuietAt(at('2026-09-01T23:29:00Z'), 'Asia/Shanghai', quiet)).toBe(true); // 07:29
    expect(isQuietAt(at('2026-09-01T23:30:00Z'), 'Asia/Shanghai', quiet)).toBe(false); // 07:30
    // The same instant is daytime in another zone.
    expect(isQuietAt(at('2026-09-01T13:00:00Z'), 'Europe/London', quiet)).toBe(false);
  });
  it('push a reminder due inside them to the minute they end', () => {
    expect(nextSendableTime(at('2026-09-01T14:10:30Z'), 'Asia/Shanghai', quiet)).toBe(
      at('2026-09-01T23:30:00Z'),
    );
    expect(nextSendableTime(at('2026-09-01T08:00:00Z'), 'Asia/Shanghai', quiet)).toBe(
      at('2026-09-01T08:00:00Z'),
    );
    expect(
      nextSendableTime(at('2026-09-01T08:00:00Z'), 'Asia/Shanghai', { startMinute: 0, endMinute: 0 }),
    ).toBe(at('2026-09-01T08:00:00Z'));
  });
});

describe('reminding families who have not signed', { timeout: 30_000 }, () => {
  let world: World;
  afterEach(() => world?.close());

  /** 40 families, 25 of whom signed. */
  const withSigned = async (config: Record<string, string> = {}) => {
    world = await sentNoticeWorld({ families: 40, config: { REMINDER_AFTER_HOURS: '', ...config } });
    for (const family of world.families.slice(0, 25)) await world.sign(family);
    return world;
  };
  const remindersPerFamily = async () =>
    Promise.all(world.families.map(async (f) => (await world.reminderCards(f)).length));
  const tap = async (classId?: string) => {
    await world.officer.get(`/console/notices/${world.noticeId}/dashboard`);
    return world.officer.post(`/console/notices/${world.noticeId}/remind`, classId ? { classId } : {});
  };

  it('one tap reaches exactly the 15 who have not signed, and running the job again sends nothing more', async () => {
    await withSigned();
    const tapped = await tap();
    expect(tapped.status).toBe(303);
    expect(tapped.headers.get('location')).toContain('reminded=now');
    await world.harness.queue.drain();
    const counts = await remindersPerFamily();
    expect(counts.slice(0, 25)).toEqual(Array(25).fill(0));
    expect(counts.slice(25)).toEqual(Array(15).fill(1));
    // The reminder is the same personal link as the notice.
    const family = world.families[30]!;
    const [reminder] = await world.reminderCards(family);
    expect(reminder!.payload.buttons![0]!.url).toBe(await world.linkOf(family));

    const [round] = await world.harness.deps.database.db.select().from(noticeReminderRounds);
    expect(round).toMatchObject({ status: 'done', reminded: 15, kind: 'manual', requestedBy: 'officer1' });
    const rows = () =>
      world.harness.deps.database.db.select().from(outbox).where(eq(outbox.topic, 'notice_reminder'));
    expect(await rows()).toHaveLength(15);
    // The job delivered twice (a redelivered Queue message, a resumed run) sends once.
    await world.harness.deps.database.db
      .update(noticeReminderRounds)
      .set({ status: 'waiting' })
      .where(eq(noticeReminderRounds.id, round!.id));
    expect((await runReminderRound(world.harness.deps, round!.id)).reminded).toBe(15);
    await world.harness.queue.drain();
    expect(await rows()).toHaveLength(15);
    expect(await remindersPerFamily()).toEqual([...Array(25).fill(0), ...Array(15).fill(1)]);
    // The dashboard shows the round.
    const page = await (await world.officer.get(`/console/notices/${world.noticeId}/dashboard`)).text();
    expect(page).toContain('已提醒 15 户');
  });

  it('never sends more than MAX_REMINDERS_PER_NOTICE to a family, even when rounds run at once', async () => {
    await withSigned({ MAX_REMINDERS_PER_NOTICE: '2' });
    for (let n = 0; n < 3; n++) expect((await tap()).status).toBe(303);
    // And three rounds run concurrently on top of those.
    const rounds = await world.harness.deps.database.db.select().from(noticeReminderRounds);
    await Promise.all(rounds.map((round) => runReminderRound(world.harness.deps, round.id)));
    await world.harness.queue.drain();
    expect(await remindersPerFamily()).toEqual([...Array(25).fill(0), ...Array(15).fill(2)]);
    const slots = await world.harness.deps.database.db.select().from(noticeReminderSends);
    expect(slots).toHaveLength(30);
    expect(Math.max(...slots.map((slot) => slot.seq))).toBe(2);
  });

  it('waits out quiet hours: a tap at 22:00 goes at 07:30', async () => {
    await withSigned();
    world.harness.clock.advance(6 * HOUR); // 22:00 in Shanghai
    const tapped = await tap();
    expect(tapped.headers.get('location')).toContain('reminded=later');
    await world.harness.queue.drain();
    expect(await remindersPerFamily()).toEqual(Array(40).fill(0));
    const [waiting] = await world.harness.deps.database.db.select().from(noticeReminderRounds);
    expect(waiting!.status).toBe('waiting');
    // Woken early (a retry at 23:00) it still waits.
    world.harness.clock.advance(HOUR);
    expect((await runReminderRound(world.harness.deps, waiting!.id)).reminded).toBe(0);
    world.harness.clock.advance(8 * HOUR + 29 * 60_000); // 07:29
    await world.harness.queue.drain();
    expect(await remindersPerFamily()).toEqual(Array(40).fill(0));
    world.harness.clock.advance(60_000); // 07:30
    await world.harness.queue.drain();
    expect(await remindersPerFamily()).toEqual([...Array(25).fill(0), ...Array(15).fill(1)]);
  });

  it('a class teacher reminds their own class only', async () => {
    world = await sentNoticeWorld({
      families: 20,
      classIds: ['c31', 'c32'],
      config: { REMINDER_AFTER_HOURS: '' },
    });
    const teacher = new ConsoleClient(world.fetcher);
    await teacher.logIn('teacher32', TEST_PASSWORD);
    await teacher.get(`/console/notices/${world.noticeId}/dashboard`);
    expect((await teacher.post(`/console/notices/${world.noticeId}/remind`, { classId: 'c31' })).status).toBe(
      403,
    );
    expect((await teacher.post(`/console/notices/${world.noticeId}/remind`)).status).toBe(303);
    await world.harness.queue.drain();
    // familyRows alternates classes: even indexes are in c31, odd ones in c32.
    const counts = await remindersPerFamily();
    expect(counts.filter((_, index) => index % 2 === 0)).toEqual(Array(10).fill(0));
    expect(counts.filter((_, index) => index % 2 === 1)).toEqual(Array(10).fill(1));
  });

  it('scheduled reminders go 24 h and 72 h after sending, once each, only to those still unsigned', async () => {
    world = await sentNoticeWorld({ families: 10, config: { REMINDER_AFTER_HOURS: '24,72' } });
    for (const family of world.families.slice(0, 4)) await world.sign(family);
    world.harness.clock.advance(23 * HOUR);
    await runScheduledTasks(world.harness.deps);
    await world.harness.queue.drain();
    expect(await remindersPerFamily()).toEqual(Array(10).fill(0));
    world.harness.clock.advance(HOUR); // 24 h, 16:00 local
    await runScheduledTasks(world.harness.deps);
    await runScheduledTasks(world.harness.deps);
    await world.harness.queue.drain();
    expect(await remindersPerFamily()).toEqual([...Array(4).fill(0), ...Array(6).fill(1)]);
    await world.sign(world.families[4]!);
    world.harness.clock.advance(48 * HOUR); // 72 h
    await runScheduledTasks(world.harness.deps);
    await world.harness.queue.drain();
    await runScheduledTasks(world.harness.deps);
    await world.harness.queue.drain();
    expect(await remindersPerFamily()).toEqual([...Array(4).fill(0), 1, ...Array(5).fill(2)]);
    const rounds = await world.harness.deps.database.db.select().from(noticeReminderRounds);
    expect(rounds.map((round) => round.kind)).toEqual(['scheduled', 'scheduled']);
  });
});
