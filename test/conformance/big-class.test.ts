import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed-demo-school.js';
import { ConsoleClient, codesOnPage } from '../support/console-client.js';
import { nodeTarget, type Target, workerTarget } from '../support/targets.js';

// D1 binds at most 100 parameters per statement: a class of 300 must work on workerd as on Node, from the
// roster import to the class page and printing every binding code.

const SURNAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜';
const GIVEN = '一二三四五六七八九十明华丽强伟芳敏静磊洋';

/** 300 students of 三年级二班, one guardian each, as a CSV file saved by Excel. */
function bigRosterCsv(): string {
  const lines = ['班级,学号,学生姓名,监护人姓名,与学生关系,监护人手机号'];
  for (let index = 0; index < 300; index++) {
    const surname = SURNAMES[index % SURNAMES.length]!;
    const name = `${surname}${GIVEN[Math.floor(index / SURNAMES.length) % GIVEN.length]}${GIVEN[index % GIVEN.length]}`;
    const number = `B2026${String(index).padStart(4, '0')}`;
    lines.push(
      `三年级二班,${number},${name},${surname}家长,父亲,137${String(10_000_000 + index).slice(0, 8)}`,
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

const targets: [string, () => Target][] = [
  ['node', () => nodeTarget()],
  ['worker', () => workerTarget({ SEED_DEMO: 'true' })],
];

describe.each(targets)('a class of 300 on %s', (_name, makeTarget) => {
  let target: Target;

  beforeAll(async () => {
    target = makeTarget();
    await target.start();
  });
  afterAll(async () => {
    await target?.dispose();
  });

  it('imports, shows the class page and prints a binding code for every student', async () => {
    const teacher = new ConsoleClient(
      (path, init) => fetch(`${target.baseUrl}${path}`, init),
      target.baseUrl,
    );
    expect((await teacher.logIn('demo-teacher', DEMO_PASSWORD)).status).toBe(303);
    await teacher.get('/console/import');
    const preview = await teacher.post('/console/import', { file: new File([bigRosterCsv()], 'big.csv') });
    const previewHtml = await preview.text();
    const importId = previewHtml.match(/\/console\/import\/(imp_[a-z0-9]+)\/confirm/)?.[1];
    expect(importId, previewHtml.slice(0, 2000)).toBeDefined();
    const done = await teacher.post(`/console/import/${importId}/confirm`);
    expect(await done.text()).toContain('新增学生 300 名');

    const page = await teacher.get('/console/classes/demo_p3_2');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('B20260000');
    expect(html).toContain('B20260299');

    // Printing is a POST-redirect-GET: the slips are on the print's own page.
    const posted = await teacher.post('/console/classes/demo_p3_2/codes', { students: 'all' });
    expect(posted.status).toBe(303);
    const printed = await teacher.get(posted.headers.get('location') ?? '');
    expect(printed.status).toBe(200);
    const codes = codesOnPage(await printed.text());
    expect(codes.length).toBeGreaterThanOrEqual(300);
    expect(new Set(codes).size).toBe(codes.length);

    // Printing again replaces every open code: the first batch no longer appears as open on the page.
    const reposted = await teacher.post('/console/classes/demo_p3_2/codes', { students: 'all' });
    const again = await teacher.get(reposted.headers.get('location') ?? '');
    expect(again.status).toBe(200);
    expect(codesOnPage(await again.text()).length).toBe(codes.length);
  });
});
