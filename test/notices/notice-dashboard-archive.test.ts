import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, noticeReceipts } from '../../src/db/schema.js';
import { readXlsxFirstSheet } from '../../src/roster/xlsx-read.js';
import { TINY_PNG } from '../support/chat-client.js';
import { sentNoticeWorld } from '../support/sent-notice.js';

type World = Awaited<ReturnType<typeof sentNoticeWorld>>;

describe('the 知晓率 dashboard and the receipt archive of a class of 40', { timeout: 30_000 }, () => {
  let world: World;
  beforeAll(async () => {
    world = await sentNoticeWorld({ families: 40, config: { REMINDER_AFTER_HOURS: '' } });
    // 30 open it, 25 of them sign.
    for (const family of world.families.slice(0, 25)) await world.sign(family);
    for (const family of world.families.slice(25, 30)) await world.fetcher(await world.linkOf(family));
  }, 60_000);
  afterAll(() => world.close());
  const page = async (path: string) => {
    const response = await world.officer.get(`/console/notices/${world.noticeId}${path}`);
    expect(response.status, path).toBe(200);
    return response.text();
  };

  it('shows delivered, read, understood and signed as counts and rates, as bars and as a table', async () => {
    const html = await page('/dashboard');
    const tile = (step: string) => new RegExp(`data-tile="${step}"[^>]*>[^<]*<b>([^<]+)</b>`).exec(html)?.[1];
    expect([tile('delivered'), tile('read'), tile('understood'), tile('signed')]).toEqual([
      '100%',
      '75%',
      '62.5%',
      '62.5%',
    ]);
    expect(html).toContain('<svg class="awareness-chart"');
    expect(html).toMatch(/<td data-stat="signed"[^>]*>25 <small class="muted">\(62\.5%\)/);
    expect(html).toContain('三年级(2)班');
    // Sending finished: no self-refresh.
    expect(html).not.toContain('http-equiv="refresh"');
    expect(html).toContain('提醒未确认家长（15 户）');
  });

  it('drills down to the 15 families who have not signed', async () => {
    const html = await page('/pending?classId=c32');
    expect([...html.matchAll(/data-recipient="/g)]).toHaveLength(15);
    expect([...html.matchAll(/data-stage="delivered"/g)]).toHaveLength(10);
    expect([...html.matchAll(/data-stage="read"/g)]).toHaveLength(5);
    expect(html).toContain('学生00039');
    expect(html).not.toContain('学生00000<');
    const views = await world.harness.deps.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'notice.pending.view'));
    expect(views).toHaveLength(1);
  });

  it('exports the same figures as CSV (UTF-8 with BOM) and XLSX', async () => {
    const csv = await world.officer.get(`/console/notices/${world.noticeId}/stats.csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trim().split('\r\n');
    expect(lines[0]).toBe('层级,名称,家庭数,已送达,已送达 %,已阅读,已阅读 %,已理解,已理解 %,已签名,已签名 %');
    expect(lines).toContain('学校,测试小学,40,40,100,30,75,25,62.5,25,62.5');
    expect(lines).toContain('班级,三年级(2)班,40,40,100,30,75,25,62.5,25,62.5');
    const xlsx = await world.officer.get(`/console/notices/${world.noticeId}/stats.xlsx`);
    const sheet = await readXlsxFirstSheet(new Uint8Array(await xlsx.arrayBuffer()));
    expect(JSON.stringify(sheet)).toContain('62.5');
  });

  it('the archive has one card per signed receipt, and its export one row per receipt', async () => {
    const html = await page('/archive');
    expect([...html.matchAll(/data-receipt="/g)]).toHaveLength(25);
    expect([...html.matchAll(/<img src="data:image\/(svg\+xml|png);base64,/g)]).toHaveLength(25);
    const [receipt] = await world.harness.deps.database.db.select().from(noticeReceipts).limit(1);
    expect(html).toContain(receipt!.contentHash);
    expect(html).toContain('@page{size:A4');
    expect(await page('/archive?layout=one')).toContain('class="cards one"');
    const csv = await world.officer.get(`/console/notices/${world.noticeId}/receipts.csv`);
    const lines = new TextDecoder()
      .decode(new Uint8Array(await csv.arrayBuffer()).slice(3))
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(26);
    expect(lines[1]).toContain(receipt!.contentHash);
    expect(lines.join('\n')).not.toMatch(/1[3-9]\d{9}/); // no phone numbers
    const xlsx = await world.officer.get(`/console/notices/${world.noticeId}/receipts.xlsx`);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
  });
});

describe('families no channel reaches', { timeout: 30_000 }, () => {
  let world: World;
  beforeAll(async () => {
    world = await sentNoticeWorld({ families: 10, unbound: 3, config: { REMINDER_AFTER_HOURS: '' } });
  }, 60_000);
  afterAll(() => world.close());

  it('are listed, get a printed 明白卡 with a 回执 slip and a binding code, and count once their slip is recorded', async () => {
    const dashboard = await (await world.officer.get(`/console/notices/${world.noticeId}/dashboard`)).text();
    expect(dashboard).toContain('有 3 户家庭还没有绑定任何渠道');
    const list = await (await world.officer.get(`/console/notices/${world.noticeId}/paper`)).text();
    const ids = [...list.matchAll(/<tr data-recipient="([^"]+)"/g)].map((match) => match[1]!);
    expect(ids).toHaveLength(3);
    expect(list).toContain('学生00000');
    expect(list).not.toContain('学生00003');

    const printed = await (await world.officer.post(`/console/notices/${world.noticeId}/paper/print`)).text();
    expect([...printed.matchAll(/data-paper="/g)]).toHaveLength(3);
    expect([...printed.matchAll(/data-code="[A-Z0-9]{8}"/g)]).toHaveLength(3);
    expect(printed).toContain('回 执');
    expect(printed).toContain('<svg');
    expect(printed).toContain('资助不收取任何费用');

    await world.officer.get(`/console/notices/${world.noticeId}/paper`);
    const photo = new File([TINY_PNG], 'slip.png', { type: 'image/png' });
    const recorded = await world.officer.post(`/console/notices/${world.noticeId}/paper/${ids[0]}`, {
      photo,
    });
    expect(recorded.status).toBe(303);
    const again = await world.officer.post(`/console/notices/${world.noticeId}/paper/${ids[0]}`, { photo });
    expect(again.status).toBe(409);
    const notImage = new File([new TextEncoder().encode('not a photo')], 'x.png', { type: 'image/png' });
    expect(
      (await world.officer.post(`/console/notices/${world.noticeId}/paper/${ids[1]}`, { photo: notImage }))
        .status,
    ).toBe(400);
    // A bound family is not a paper family.
    const rows = await world.harness.deps.database.db.select().from(noticeReceipts);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: 'paper', recordedBy: 'officer1' });
    expect(rows[0]!.signedAt).not.toBeNull();

    const after = await (await world.officer.get(`/console/notices/${world.noticeId}/dashboard`)).text();
    expect(after).toMatch(/data-tile="signed"[^>]*>[^<]*<b>10%<\/b>/);
    const archive = await (await world.officer.get(`/console/notices/${world.noticeId}/archive`)).text();
    expect([...archive.matchAll(/data-receipt="/g)]).toHaveLength(1);
    expect(archive).toContain('纸质');
    const photoUrl = `/console/notices/${world.noticeId}/paper-photos/${rows[0]!.id}`;
    expect((await world.officer.get(photoUrl)).headers.get('content-type')).toBe('image/png');
  });
});
