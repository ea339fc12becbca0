import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import {
  chatMessages,
  noticeReceipts,
  noticeRecipients,
  noticeVersions,
  outbox,
} from '../../src/db/schema.js';
import { handleJob } from '../../src/jobs/handle-job.js';
import { noticeVersionStats, rate } from '../../src/notices/index.js';
import { ConsoleClient } from '../support/console-client.js';
import { familyRows, formFields, insertFamilies, withFields } from '../support/notice-world.js';
import { signatureBody } from '../support/signature-body.js';
import { makeTestDeps } from '../support/test-deps.js';
import { createTestSchool, TEST_PASSWORD } from '../support/test-school.js';

// The acceptance journey through the web chat channel: an officer sends a 明白卡 to a class of 40 bound
// guardians; 30 open it, 25 pass the check and sign (5 answer wrongly); the stats say 100% delivered, 75% read,
// 62.5% signed; a re-issued version asks all 40 again, with what changed first.

describe('a 明白卡 to a class of 40 through the web chat', { timeout: 120_000 }, () => {
  let harness: ReturnType<typeof makeTestDeps>;
  let app: ReturnType<typeof createApp>;
  let officer: ConsoleClient;
  let noticeId = '';
  const fetcher = async (path: string, init?: RequestInit) => app.request(path, init);
  const families: Awaited<ReturnType<typeof familyRows>>['families'] = [];

  const postFields = async (path: string, fields: [string, string][]) =>
    officer.rawPost(
      path,
      new URLSearchParams([['_csrf', officer.csrf], ...fields]).toString(),
      'application/x-www-form-urlencoded',
    );
  const history = async (family: (typeof families)[number]) => {
    const response = await fetcher(`/api/chat/conversations/${family.conversationId}/messages`, {
      headers: { authorization: `Bearer ${family.token}` },
    });
    return (
      (await response.json()) as {
        messages: { payload: { type: string; title?: string; buttons?: { url?: string }[] } }[];
      }
    ).messages;
  };
  const linkOf = async (family: (typeof families)[number], nth = -1) => {
    const cards = (await history(family)).filter((message) => message.payload.type === 'card');
    return cards.at(nth)!.payload.buttons![0]!.url!;
  };
  const sign = (link: string, answers = [1]) =>
    fetcher(`${link}/signature`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost' },
      body: signatureBody(answers),
    });
  const answer = (link: string, choice: string) =>
    fetcher(link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
      body: new URLSearchParams({ q0: choice }).toString(),
    });

  beforeAll(async () => {
    harness = makeTestDeps();
    await createTestSchool(harness.deps);
    app = createApp(harness.deps);
    const rows = await familyRows({
      count: 40,
      schoolId: 'sch1',
      classIds: ['c32'],
      now: harness.clock.now(),
    });
    await insertFamilies(harness.deps, rows);
    families.push(...rows.families);
    officer = new ConsoleClient(fetcher);
    expect((await officer.logIn('officer1', TEST_PASSWORD)).status).toBe(303);
  }, 60_000);
  afterAll(() => harness.close());

  it('the officer writes a 明白卡 from the policy catalogue and sends it to the class', async () => {
    const page = await officer.get('/console/notices/new?kind=policy_card');
    expect(page.status).toBe(200);
    const html = await page.text();
    // Generated from the catalogue: primary-school programmes with their standards and the anti-fraud line.
    expect(html).toContain('小学学生资助政策明白卡');
    expect(html).toContain('name="p0_name"');
    expect(html).toContain('这项补助需要交钱吗');
    const fields = withFields(formFields(html, '/console/notices'), {
      scope: 'classes',
      classIds: 'c32',
      confirmation: 'sign',
    });
    const created = await postFields('/console/notices', fields);
    expect(created.status).toBe(303);
    noticeId = created.headers.get('location')!.split('/').at(-1)!;

    const detail = await officer.get(`/console/notices/${noticeId}`);
    expect(detail.status).toBe(200);
    const sent = await officer.post(`/console/notices/${noticeId}/send`);
    expect(sent.status).toBe(303);
    // Sending again changes nothing: the version is sent and immutable.
    expect((await officer.post(`/console/notices/${noticeId}/send`)).status).toBe(409);
    await harness.queue.drain();

    const [version] = await harness.deps.database.db
      .select()
      .from(noticeVersions)
      .where(eq(noticeVersions.noticeId, noticeId));
    expect(version).toMatchObject({ status: 'sent', version: 1 });
    expect(version!.contentHash).toMatch(/^[0-9a-f]{64}$/);
    for (const family of families) {
      const cards = (await history(family)).filter((message) => message.payload.type === 'card');
      expect(cards).toHaveLength(1);
      expect(cards[0]!.payload.title).toBe('小学学生资助政策明白卡');
    }
    const unread = await fetcher(`/api/chat/conversations/${families[0]!.conversationId}/notices`, {
      headers: { authorization: `Bearer ${families[0]!.token}` },
    });
    expect(((await unread.json()) as { unread: unknown[] }).unread).toHaveLength(1);
  });

  it('30 open it, 25 answer rightly and sign, 5 answer wrongly', async () => {
    for (const [index, family] of families.slice(0, 30).entries()) {
      const link = await linkOf(family);
      const page = await fetcher(link);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('资助不收取任何费用');
      if (index < 25) {
        const step = await answer(link, '1');
        expect(step.status).toBe(200);
        expect(await step.text()).toContain('id="signature"');
        expect((await sign(link)).status).toBe(201);
      } else {
        const wrong = await answer(link, '0');
        expect(wrong.status).toBe(422);
        expect(await wrong.text()).toContain('要您交钱的都是诈骗');
        // Skipping the questions and posting a signature is refused too.
        expect((await sign(link, [0])).status).toBe(422);
      }
    }
    const unread = await fetcher(`/api/chat/conversations/${families[0]!.conversationId}/notices`, {
      headers: { authorization: `Bearer ${families[0]!.token}` },
    });
    expect(((await unread.json()) as { unread: unknown[] }).unread).toHaveLength(0);
  });

  it('shows 100% delivered, 75% read, 62.5% signed, and the signatures to the officer', async () => {
    const [version] = await harness.deps.database.db
      .select()
      .from(noticeVersions)
      .where(eq(noticeVersions.noticeId, noticeId));
    const { overall } = await noticeVersionStats(harness.deps, version!.id);
    expect(overall).toMatchObject({
      total: 40,
      delivered: 40,
      read: 30,
      understood: 25,
      confirmed: 25,
      signed: 25,
    });
    expect([
      rate(overall.delivered, overall.total),
      rate(overall.read, overall.total),
      rate(overall.signed, overall.total),
    ]).toEqual([100, 75, 62.5]);
    const html = await (await officer.get(`/console/notices/${noticeId}`)).text();
    expect(html).toContain('(100%)');
    expect(html).toContain('(75%)');
    expect(html).toContain('(62.5%)');
    const signatureUrl = /src="(\/console\/notices\/[^"]+\/signature)"/.exec(html)![1]!;
    const image = await officer.get(signatureUrl);
    expect(image.headers.get('content-type')).toBe('image/png');
    const svg = await officer.get(`${signatureUrl}?format=svg`);
    expect(await svg.text()).toMatch(/^<svg [^>]*><g [^>]*><path d="M10 20 L60 40"\/><\/g><\/svg>$/);
  });

  it('records one receipt for the same signature sent twice or at once', async () => {
    const link = await linkOf(families[0]!);
    const again = await sign(link);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { receipt: { created: boolean } }).receipt.created).toBe(false);

    const late = families[35]!;
    const lateLink = await linkOf(late);
    const results = await Promise.all(Array.from({ length: 8 }, () => sign(lateLink)));
    expect(results.filter((response) => response.status === 201)).toHaveLength(1);
    const rows = await harness.deps.database.db
      .select()
      .from(noticeReceipts)
      .where(eq(noticeReceipts.studentId, late.studentId));
    expect(rows).toHaveLength(1);
    // The losers' uploads were removed: only the kept receipt's signature is in the blob store.
    expect(await harness.deps.blobs.get(rows[0]!.signaturePngKey!)).not.toBeNull();
  });

  it('a delivery job run twice sends once', async () => {
    const [version] = await harness.deps.database.db
      .select()
      .from(noticeVersions)
      .where(eq(noticeVersions.noticeId, noticeId));
    const before = await harness.deps.database.db.$count(chatMessages);
    const context = { jobId: 'again', renewLease: async () => true };
    await handleJob(harness.deps, { type: 'deliver_outbox', groupId: version!.id }, context);
    await handleJob(harness.deps, { type: 'notice_fanout', versionId: version!.id }, context);
    await harness.queue.drain();
    await handleJob(harness.deps, { type: 'deliver_outbox', groupId: version!.id }, context);
    expect(await harness.deps.database.db.$count(chatMessages)).toBe(before);
    expect(await harness.deps.database.db.$count(outbox, eq(outbox.groupId, version!.id))).toBe(40);
    expect(
      await harness.deps.database.db.$count(noticeRecipients, eq(noticeRecipients.versionId, version!.id)),
    ).toBe(40);
  });

  it('a re-issued version asks all 40 again, with what changed first', async () => {
    expect((await officer.post(`/console/notices/${noticeId}/revise`)).status).toBe(303);
    const html = await (await officer.get(`/console/notices/${noticeId}`)).text();
    const fields = formFields(html, `/console/notices/${noticeId}`);
    const standard = fields.find(([name]) => name === 'p0_standard')![1];
    const programme = fields.find(([name]) => name === 'p0_name')![1];
    const saved = await postFields(
      `/console/notices/${noticeId}`,
      withFields(fields, { p0_standard: '每生每年 2000 元', deadline: '2026-10-15' }),
    );
    expect(saved.status).toBe(303);
    await officer.get(`/console/notices/${noticeId}`);
    expect((await officer.post(`/console/notices/${noticeId}/send`)).status).toBe(303);
    await harness.queue.drain();

    const versions = await harness.deps.database.db
      .select()
      .from(noticeVersions)
      .where(eq(noticeVersions.noticeId, noticeId));
    const second = versions.find((each) => each.version === 2)!;
    const first = versions.find((each) => each.version === 1)!;
    expect(second.contentHash).not.toBe(first.contentHash);
    const { overall } = await noticeVersionStats(harness.deps, second.id);
    expect(overall).toMatchObject({ total: 40, delivered: 40, read: 0, signed: 0 });
    // Receipts of version 1 are kept and marked as for the old content.
    const old = await harness.deps.database.db
      .select()
      .from(noticeReceipts)
      .where(and(eq(noticeReceipts.versionId, first.id), isNotNull(noticeReceipts.supersededAt)));
    expect(old).toHaveLength(26);

    const family = families[0]!;
    const cards = (await history(family)).filter((message) => message.payload.type === 'card');
    expect(cards).toHaveLength(2);
    // The old link opens the new version, which shows what changed before anything else.
    const oldLink = await linkOf(family, 0);
    const redirect = await fetcher(oldLink);
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe(await linkOf(family, -1));
    const page = await (await fetcher(redirect.headers.get('location')!)).text();
    const changed = page.indexOf('这次更新了什么');
    expect(changed).toBeGreaterThan(0);
    expect(changed).toBeLessThan(page.indexOf('资助项目'));
    expect(page).toContain(`${programme}标准由「${standard}」调整为「每生每年 2000 元」`);
    expect(page).toContain('截止日期改为 2026-10-15');
    expect((await answer(redirect.headers.get('location')!, '1')).status).toBe(200);
    expect((await sign(redirect.headers.get('location')!)).status).toBe(201);
  });

  it('shows nothing for a link that does not exist', async () => {
    const response = await fetcher('/n/not-a-real-token-at-all-xxxxxxxx');
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('这个链接无效');
  });
});
