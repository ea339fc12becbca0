import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { bindingCodes } from '../../src/db/schema.js';
import { t } from '../../src/i18n/index.js';
import { allText, ChatClient, lastText } from '../support/chat-client.js';
import { codesOnPage } from '../support/console-client.js';
import {
  bindChild,
  demoOfficer,
  demoTeacher,
  enterCode,
  makeSecurityWorld,
  printCodes,
  printSlipsPage,
  type SecurityWorld,
  type StaffAgent,
} from '../support/security-fixtures.js';

const PUBLIC_URL = 'https://mingbai.example.edu.cn';

describe('binding slips', () => {
  let world: SecurityWorld;
  let teacher: StaffAgent;
  beforeEach(async () => {
    world = await makeSecurityWorld({ config: { PUBLIC_URL } });
    teacher = await demoTeacher(world.fetcher);
  });
  afterEach(() => world.harness.close());

  const parent = async (locale?: string) => {
    const chat = new ChatClient(world.fetcher);
    await chat.start(locale);
    return chat;
  };
  const codeCount = async () => Number(await world.deps.database.db.$count(bindingCodes));

  it('printing is a post that redirects to the print, and reloading it shows the same slips', async () => {
    const posted = await teacher.post('/console/classes/demo_p3_2/codes', { students: 'all' });
    expect(posted.status).toBe(303);
    const location = posted.headers.get('location') ?? '';
    expect(location).toMatch(/^\/console\/classes\/demo_p3_2\/slips\/pr_[a-z0-9]+$/);
    const first = await (await teacher.get(location)).text();
    const issued = await codeCount();
    const again = await teacher.get(location);
    expect(again.headers.get('cache-control')).toContain('no-store');
    const second = await again.text();
    expect(codesOnPage(first)).toHaveLength(2);
    expect(codesOnPage(second)).toEqual(codesOnPage(first));
    expect(await codeCount()).toBe(issued);
    // The codes on that page still work after the reloads.
    const chat = await parent();
    await bindChild(chat, codesOnPage(second)[0]!);
  });

  it("reprinting one student's slip leaves the classmate's slip working, and the old one says it was voided", async () => {
    const first = await printCodes(teacher, 'demo_p3_2', 'all');
    const single = await printCodes(teacher, 'demo_p3_2', 'demo_s1');
    expect([...single.keys()]).toEqual(['demo_s1']);
    expect(lastText(await enterCode(await parent(), first.get('demo_s2')!))).toContain('李*朵');
    for (const locale of ['zh-CN', 'zh-TW', 'en'] as const) {
      const reply = await enterCode(await parent(locale), first.get('demo_s1')!);
      expect(allText(reply)).toContain(t(locale, 'flows.bind.code_revoked'));
      expect(allText(reply)).not.toContain(t(locale, 'flows.bind.code_invalid'));
    }
    expect(t('zh-CN', 'flows.bind.code_revoked')).toContain('这张绑定条已作废，请向班主任要新的');
    await bindChild(await parent(), single.get('demo_s1')!);
  });

  it('the first print shows a replaced slip as void and leaves it off the paper', async () => {
    const posted = await teacher.post('/console/classes/demo_p3_2/codes', { students: 'all' });
    const location = posted.headers.get('location')!;
    await printCodes(teacher, 'demo_p3_2', 'demo_s2');
    const page = await (await teacher.get(location)).text();
    const slip = (id: string) => page.split('data-student=').find((part) => part.startsWith(`"${id}"`)) ?? '';
    expect(slip('demo_s1')).toContain('data-status="open"');
    expect(slip('demo_s1')).toContain('data-code=');
    expect(slip('demo_s2')).toContain('data-status="replaced"');
    expect(slip('demo_s2')).not.toContain('data-code=');
    expect(page).toContain('class="slip void no-print"');
  });

  it('prints for the ticked students only, and the default touches no slip already handed out', async () => {
    const ticked = await printSlipsPage(teacher, 'demo_p3_2', ['demo_s2']);
    expect(codesOnPage(ticked)).toHaveLength(1);
    expect(ticked).toContain('李朵朵');
    expect(ticked).not.toContain('王小明');
    // "Students without a slip yet": only demo_s1, and demo_s2's slip keeps working.
    const missing = await printSlipsPage(teacher, 'demo_p3_2', 'missing');
    expect(missing).toContain('王小明');
    expect(missing).not.toContain('李朵朵');
    expect(lastText(await enterCode(await parent(), codesOnPage(ticked)[0]!))).toContain('李*朵');
    // Nobody left without a slip: nothing is issued.
    const before = await codeCount();
    const none = await teacher.post('/console/classes/demo_p3_2/codes', { students: 'missing' });
    expect(none.status).toBe(200);
    expect(await none.text()).toContain(t('zh-CN', 'console.codes.nobody'));
    expect(await codeCount()).toBe(before);
    // Ticking nobody says so.
    const noneTicked = await teacher.post('/console/classes/demo_p3_2/codes', { students: 'chosen' });
    expect(await noneTicked.text()).toContain(t('zh-CN', 'slips.none_ticked'));
  });

  it('the class page offers a per-student reprint and checkboxes tied to the print form', async () => {
    await printCodes(teacher, 'demo_p3_2', 'demo_s1');
    const page = await (await teacher.get('/console/classes/demo_p3_2')).text();
    expect(page).toContain('data-reprint="demo_s1"');
    expect(page).toContain('value="demo_s2" form="print-slips"');
    expect(page).toContain('<option value="missing">');
  });

  it('slips carry the configured PUBLIC_URL in their QR code and short link, never the request address', async () => {
    const page = await printSlipsPage(teacher, 'demo_p3_2', 'demo_s1');
    const [code] = codesOnPage(page);
    expect(page).toContain(`mingbai.example.edu.cn/b/${code}`);
    expect(page).toContain('<svg');
    expect(page).not.toContain('localhost');
    expect(page).not.toContain('127.0.0.1');
    const short = await world.fetcher(`/b/${code!.toLowerCase()}`, { redirect: 'manual' });
    expect(short.status).toBe(302);
    expect(short.headers.get('location')).toBe(`/chat?bind=${code}`);
    expect((await world.fetcher('/b/not-a-code', { redirect: 'manual' })).headers.get('location')).toBe(
      '/chat',
    );
  });

  it('the print shows statuses but no codes to another session', async () => {
    const posted = await teacher.post('/console/classes/demo_p3_2/codes', { students: 'all' });
    const location = posted.headers.get('location')!;
    const officer = await demoOfficer(world.fetcher);
    const theirs = await officer.get(location);
    expect(theirs.status).toBe(200);
    const html = await theirs.text();
    expect(codesOnPage(html)).toEqual([]);
    expect(html).toContain(t('zh-CN', 'slips.other_session'));
    // A second log-in of the same teacher is another session too.
    const again = await demoTeacher(world.fetcher);
    expect(codesOnPage(await (await again.get(location)).text())).toEqual([]);
  });

  it("the teacher's home shows each class's binding progress", async () => {
    const home = async () => (await teacher.get('/console')).text();
    const cell = (html: string) => html.match(/data-progress="demo_p3_2">([\s\S]*?)<\/td>/)?.[1] ?? '';
    expect(cell(await home())).toContain('0 / 2');
    const codes = await printCodes(teacher, 'demo_p3_2');
    await bindChild(await parent(), codes.get('demo_s1')!);
    // A second guardian of the same child does not count the child twice.
    const more = await printCodes(teacher, 'demo_p3_2', 'demo_s1');
    await bindChild(await parent(), more.get('demo_s1')!, 'mother');
    expect(cell(await home())).toContain('1 / 2');
  });

  it('every code of a print is linked to it', async () => {
    const posted = await teacher.post('/console/classes/demo_p3_2/codes', { students: 'all' });
    const printId = posted.headers.get('location')!.split('/').at(-1)!;
    const rows = await world.deps.database.db
      .select()
      .from(bindingCodes)
      .where(eq(bindingCodes.printId, printId));
    expect(rows.map((row) => row.studentId).sort()).toEqual(['demo_s1', 'demo_s2']);
  });
});

describe('binding slips without PUBLIC_URL', () => {
  it('print the code only and tell staff why', async () => {
    const world = await makeSecurityWorld();
    try {
      const teacher = await demoTeacher(world.fetcher);
      const page = await printSlipsPage(teacher, 'demo_p3_2', 'demo_s1');
      expect(codesOnPage(page)).toHaveLength(1);
      expect(page).not.toContain('<svg');
      expect(page).not.toContain('/b/');
      expect(page).toContain(t('zh-CN', 'slips.no_public_url'));
    } finally {
      world.harness.close();
    }
  });

  it('PUBLIC_URL must be a full http(s) address', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://mingbai.example.edu.cn/' }).PUBLIC_URL).toBe(PUBLIC_URL);
    expect(loadConfig({ PUBLIC_URL: '' }).PUBLIC_URL).toBeUndefined();
    expect(() => loadConfig({ PUBLIC_URL: 'mingbai.example.edu.cn' })).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://mingbai.example.edu.cn' })).toThrow(/PUBLIC_URL/);
  });
});
