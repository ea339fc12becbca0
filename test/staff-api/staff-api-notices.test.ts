import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeContentSchema } from '../../src/notices/index.js';
import { ConsoleClient } from '../support/console-client.js';
import { type OpenApiDocument, responseProblems } from '../support/openapi-check.js';
import { sentNoticeWorld } from '../support/sent-notice.js';
import { makeApiToken, staffApiClient } from '../support/staff-api-client.js';
import { TEST_PASSWORD } from '../support/test-school.js';

const content = noticeContentSchema.parse({
  body: '请家长阅读本学期资助政策。',
  antiFraud: '资助不收取任何费用，请谨防诈骗。',
  consultPhone: '0371-66668888',
  check: [{ question: '这项补助需要交钱吗？', options: ['需要', '不需要'], answer: 1 }],
});

describe('the staff API for notices', { timeout: 30_000 }, () => {
  let world: Awaited<ReturnType<typeof sentNoticeWorld>>;
  let officer: ReturnType<typeof staffApiClient>;
  let teacher: ReturnType<typeof staffApiClient>;
  let document: OpenApiDocument;
  const checked: string[] = [];
  const check = async (operation: string, response: Response) => {
    checked.push(...(await responseProblems(document, operation, response)));
    return response;
  };

  beforeAll(async () => {
    world = await sentNoticeWorld({ families: 8, config: { REMINDER_AFTER_HOURS: '' } });
    officer = staffApiClient(world.fetcher, await makeApiToken(world.officer));
    const teacherBrowser = new ConsoleClient(world.fetcher);
    await teacherBrowser.logIn('teacher32', TEST_PASSWORD);
    teacher = staffApiClient(world.fetcher, await makeApiToken(teacherBrowser));
    document = (await (await world.fetcher('/openapi.json')).json()) as OpenApiDocument;
  }, 60_000);
  afterAll(() => world.close());

  it('creates, sends, reports, exports and reminds, each answer as documented', async () => {
    const created = await check(
      'POST /api/staff/notices',
      await teacher.post('/api/staff/notices', {
        kind: 'free_text',
        title: '秋季学期资助告知',
        confirmation: 'sign',
        audience: { scope: 'classes', classIds: ['c32'] },
        content,
      }),
    );
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const early = await check(
      'GET /api/staff/notices/{noticeId}/stats',
      await teacher.get(`/api/staff/notices/${id}/stats`),
    );
    expect(early.status).toBe(409);
    const sent = await check(
      'POST /api/staff/notices/{noticeId}/send',
      await teacher.post(`/api/staff/notices/${id}/send`),
    );
    expect(sent.status).toBe(200);
    expect(((await sent.json()) as { contentHash: string }).contentHash).toMatch(/^[0-9a-f]{64}$/);
    const twice = await check(
      'POST /api/staff/notices/{noticeId}/send',
      await teacher.post(`/api/staff/notices/${id}/send`),
    );
    expect(twice.status).toBe(409);
    await world.harness.queue.drain();

    const stats = await check(
      'GET /api/staff/notices/{noticeId}/stats',
      await officer.get(`/api/staff/notices/${id}/stats`),
    );
    const body = (await stats.json()) as {
      school: { families: number; delivered: { rate: number } };
      sending: boolean;
    };
    expect(body.school.families).toBe(8);
    expect(body.school.delivered.rate).toBe(100);
    expect(body.sending).toBe(false);

    const list = await check('GET /api/staff/notices', await teacher.get('/api/staff/notices'));
    expect(((await list.json()) as { notices: { id: string }[] }).notices.map((n) => n.id)).toContain(id);

    // The class notice of the world setup: 2 sign, then a reminder reaches the other 6.
    await world.sign(world.families[0]!);
    await world.sign(world.families[1]!);
    const receipts = await check(
      'GET /api/staff/notices/{noticeId}/receipts',
      await officer.get(`/api/staff/notices/${world.noticeId}/receipts`),
    );
    expect(((await receipts.json()) as { receipts: unknown[] }).receipts).toHaveLength(2);
    const csv = await officer.get(`/api/staff/notices/${world.noticeId}/receipts.csv`);
    expect(
      new TextDecoder()
        .decode(await csv.arrayBuffer())
        .trim()
        .split('\r\n'),
    ).toHaveLength(3);
    const xlsx = await officer.get(`/api/staff/notices/${world.noticeId}/receipts.xlsx`);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const reminded = await check(
      'POST /api/staff/notices/{noticeId}/reminders',
      await teacher.post(`/api/staff/notices/${world.noticeId}/reminders`, { classId: 'c32' }),
    );
    expect(reminded.status).toBe(202);
    await world.harness.queue.drain();
    const counts = await Promise.all(world.families.map(async (f) => (await world.reminderCards(f)).length));
    expect(counts).toEqual([0, 0, 1, 1, 1, 1, 1, 1]);
    expect(checked).toEqual([]);
  });

  it('asks the console’s permission functions', async () => {
    // A class teacher may not send to another class, nor remind it.
    const foreign = await check(
      'POST /api/staff/notices',
      await teacher.post('/api/staff/notices', {
        kind: 'free_text',
        title: '别的班',
        confirmation: 'read',
        audience: { scope: 'classes', classIds: ['c31'] },
        content,
      }),
    );
    expect(foreign.status).toBe(400);
    expect(await foreign.json()).toMatchObject({ error: { code: 'invalid_audience' } });
    const bad = await check(
      'POST /api/staff/notices',
      await teacher.post('/api/staff/notices', { kind: 'x' }),
    );
    expect(bad.status).toBe(400);
    expect(
      (await teacher.post(`/api/staff/notices/${world.noticeId}/reminders`, { classId: 'c31' })).status,
    ).toBe(403);
    const unknown = await check(
      'GET /api/staff/notices/{noticeId}/stats',
      await teacher.get('/api/staff/notices/nope/stats'),
    );
    expect(unknown.status).toBe(404);
    expect(checked).toEqual([]);
  });
});
