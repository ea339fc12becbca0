import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/password.js';
import { noticeVersions, schools, schoolTerms, staffAccounts, staffClasses } from '../../src/db/schema.js';
import { calendarTermOf, termBounds, termChoices } from '../../src/notices/term/term-window.js';
import { readXlsxFirstSheet } from '../../src/roster/xlsx-read.js';
import { ConsoleClient } from '../support/console-client.js';
import { sentNoticeWorld } from '../support/sent-notice.js';
import { TEST_PASSWORD } from '../support/test-school.js';

type World = Awaited<ReturnType<typeof sentNoticeWorld>>;

describe('term windows', () => {
  it('puts every day in one calendar term', () => {
    expect(calendarTermOf('2026-09-01').key).toBe('2026-2027:autumn');
    expect(calendarTermOf('2027-01-31').key).toBe('2026-2027:autumn');
    expect(calendarTermOf('2027-02-01').key).toBe('2026-2027:spring');
    expect(calendarTermOf('2027-07-31')).toMatchObject({ startsOn: '2027-02-01', endsOn: '2027-07-31' });
  });

  it("prefers a school's own dates and offers the current and the previous term", () => {
    const own = {
      key: '2026-2027:autumn',
      schoolYear: '2026-2027',
      term: 'autumn' as const,
      startsOn: '2026-09-01',
      endsOn: '2027-01-20',
      configured: true,
    };
    const { choices, current } = termChoices([own], '2026-10-08');
    expect(current).toBe('2026-2027:autumn');
    expect(choices.map((term) => term.key)).toEqual(['2026-2027:autumn', '2025-2026:spring']);
    expect(choices[0]).toBe(own);
  });

  it('counts whole local days: from midnight of the first day to midnight after the last', () => {
    const { start, end } = termBounds(calendarTermOf('2026-09-01'), 'Asia/Shanghai');
    expect(new Date(start).toISOString()).toBe('2026-07-31T16:00:00.000Z');
    expect(new Date(end).toISOString()).toBe('2027-01-31T16:00:00.000Z');
  });
});

describe('知晓率 per term and across the district', { timeout: 30_000 }, () => {
  let world: World;
  let district: ConsoleClient;
  let teacher31: ConsoleClient;
  beforeAll(async () => {
    world = await sentNoticeWorld({ families: 40, config: { REMINDER_AFTER_HOURS: '' } });
    for (const family of world.families.slice(0, 25)) await world.sign(family);
    for (const family of world.families.slice(25, 30)) await world.fetcher(await world.linkOf(family));
    const { db } = world.harness.deps.database;
    const now = world.harness.clock.now();
    const passwordHash = await hashPassword(TEST_PASSWORD);
    await world.harness.deps.database.atomic([
      db.insert(schools).values({
        id: 'sch2',
        districtId: 'd1',
        name: '测试中学',
        stage: 'junior_secondary',
        ownership: 'public',
        residence: 'urban',
        createdAt: now,
      }),
      db.insert(schoolTerms).values({
        id: 'term2',
        schoolId: 'sch2',
        schoolYear: '2026-2027',
        term: 'autumn',
        startsOn: '2026-09-01',
        endsOn: '2027-01-22',
        createdAt: now,
      }),
      db.insert(staffAccounts).values([
        {
          id: 'district1',
          username: 'district1',
          displayName: '资助中心',
          role: 'district_officer',
          schoolId: null,
          districtId: 'd1',
          passwordHash,
          createdAt: now,
        },
        {
          id: 'teacher31',
          username: 'teacher31',
          displayName: '三(1)班主任',
          role: 'class_teacher',
          schoolId: 'sch1',
          districtId: 'd1',
          passwordHash,
          createdAt: now,
        },
      ]),
      db.insert(staffClasses).values({ staffId: 'teacher31', classId: 'c31' }),
    ]);
    district = new ConsoleClient(world.fetcher);
    await district.logIn('district1', TEST_PASSWORD);
    teacher31 = new ConsoleClient(world.fetcher);
    await teacher31.logIn('teacher31', TEST_PASSWORD);
  }, 60_000);
  afterAll(() => world.close());

  const tile = (html: string, step: string) =>
    new RegExp(`data-tile="${step}"[^>]*>[^<]*<b>([^<]+)</b>`).exec(html)?.[1];

  it("shows each of the term's notices with its rates, and the school's totals, as bars and a table", async () => {
    const response = await world.officer.get('/console/notices/term');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('2026-2027学年秋季学期：2026-08-01 至 2027-01-31（Asia/Shanghai, UTC+08:00）');
    expect(html).toContain('学校还没有设置这个学期的起止日期');
    expect([tile(html, 'delivered'), tile(html, 'read'), tile(html, 'signed')]).toEqual([
      '100%',
      '75%',
      '62.5%',
    ]);
    expect(html).toContain('<svg class="awareness-chart"');
    expect(html).toContain(`<a href="/console/notices/${world.noticeId}/dashboard">`);
    expect(html).toMatch(/<td data-stat="signed"[^>]*>25 <small class="muted">\(62\.5%\)/);
    expect(html).toContain('2026-09-01 16:00');
  });

  it('exports the same figures as CSV and XLSX', async () => {
    const csv = await world.officer.get('/console/notices/term.csv?term=2026-2027:autumn');
    expect(csv.status).toBe(200);
    const lines = new TextDecoder()
      .decode(new Uint8Array(await csv.arrayBuffer()).slice(3))
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      '通知,版本,发送时间,家庭数,已送达,已送达 %,已阅读,已阅读 %,已理解,已理解 %,已签名,已签名 %',
    );
    expect(lines[1]).toMatch(/^\S*资助政策明白卡,1,2026-09-01 16:00,40,40,100,30,75,25,62\.5,25,62\.5$/);
    expect(lines[2]).toBe('全校合计,,,40,40,100,30,75,25,62.5,25,62.5');
    const xlsx = await world.officer.get('/console/notices/term.xlsx');
    const sheet = await readXlsxFirstSheet(new Uint8Array(await xlsx.arrayBuffer()));
    expect(JSON.stringify(sheet)).toContain('62.5');
  });

  it('shows a class teacher only their own classes', async () => {
    const html = await (await teacher31.get('/console/notices/term')).text();
    expect(html).toContain('只统计您任教班级的家庭');
    expect(html).toContain('id="no-notices"');
  });

  it('leaves out a notice sent in another term, and shows it in that term', async () => {
    const { db } = world.harness.deps.database;
    const [version] = await db.select().from(noticeVersions).where(eq(noticeVersions.id, world.versionId));
    const lastSpring = Date.parse('2026-05-10T02:00:00Z');
    await db.update(noticeVersions).set({ sentAt: lastSpring }).where(eq(noticeVersions.id, world.versionId));
    try {
      expect(await (await world.officer.get('/console/notices/term')).text()).toContain('id="no-notices"');
      const spring = await (await world.officer.get('/console/notices/term?term=2025-2026:spring')).text();
      expect(tile(spring, 'signed')).toBe('62.5%');
    } finally {
      await db
        .update(noticeVersions)
        .set({ sentAt: version!.sentAt })
        .where(eq(noticeVersions.id, world.versionId));
    }
  });

  it('gives the district officer every school with its notices, families and rates, drilling down', async () => {
    const response = await district.get('/console/notices/district');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<svg class="awareness-chart"');
    const row = (id: string) => new RegExp(`<tr data-row="${id}">([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? '';
    expect(row('sch1')).toContain(
      '<a href="/console/notices/term?schoolId=sch1&amp;term=2026-2027%3Aautumn">',
    );
    expect(row('sch1')).toMatch(
      /<td data-label="本学期通知数">1<\/td><td data-label="家庭数（按学生计）">40<\/td>/,
    );
    expect(row('sch1')).toContain('2026-08-01 至 2027-01-31（默认日期）');
    expect(row('sch2')).toMatch(
      />0<\/td><td data-label="[^"]+">0<\/td><td data-label="学期日期">2026-09-01 至 2027-01-22<\/td>/,
    );
    expect(tile(html, 'signed')).toBe('62.5%');
    const school = await (await district.get('/console/notices/term?schoolId=sch1')).text();
    expect(tile(school, 'signed')).toBe('62.5%');
    const csv = await district.get('/console/notices/district.csv');
    const text = new TextDecoder().decode(new Uint8Array(await csv.arrayBuffer()).slice(3));
    expect(text).toContain(
      '测试小学,1,40,2026-08-01 至 2027-01-31（默认日期）,40,40,100,30,75,25,62.5,25,62.5',
    );
    expect(text).toContain('全县合计,,,,40,40,100');
  });

  it('keeps a school closed during the term, marked closed, and leaves out one closed before it', async () => {
    const { db } = world.harness.deps.database;
    await db.update(schools).set({ closedAt: world.harness.clock.now() }).where(eq(schools.id, 'sch1'));
    await db.insert(schools).values({
      id: 'sch3',
      districtId: 'd1',
      name: '已撤并小学',
      stage: 'primary',
      ownership: 'public',
      residence: 'rural',
      createdAt: Date.parse('2020-09-01T00:00:00Z'),
      closedAt: Date.parse('2026-07-01T00:00:00Z'),
    });
    const html = await (await district.get('/console/notices/district')).text();
    expect(html).toContain('测试小学（已关闭）');
    expect(tile(html, 'signed')).toBe('62.5%');
    expect(html).not.toContain('已撤并小学');
    const csv = await district.get('/console/notices/district.csv');
    const text = new TextDecoder().decode(new Uint8Array(await csv.arrayBuffer()).slice(3));
    expect(text).toContain('测试小学（已关闭）,1,40,');
    await db.update(schools).set({ closedAt: null }).where(eq(schools.id, 'sch1'));
  });

  it('keeps the district view to the district officer', async () => {
    expect((await world.officer.get('/console/notices/district')).status).toBe(403);
    expect((await world.officer.get('/console/notices/term?schoolId=sch2')).status).toBe(403);
    expect((await district.get('/console/notices/term?schoolId=nope')).status).toBe(404);
  });
});
