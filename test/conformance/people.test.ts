import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed-demo-school.js';
import { allText, ChatClient, lastText } from '../support/chat-client.js';
import { ConsoleClient, codesOnPage } from '../support/console-client.js';
import { nodeTarget, type Target, workerTarget } from '../support/targets.js';

// Staff log-in, roster import, binding codes and parent binding behave the same on Node and on workerd.
const targets: [string, () => Target][] = [
  ['node', () => nodeTarget()],
  ['worker', () => workerTarget({ SEED_DEMO: 'true' })],
];

describe.each(targets)('people and access on %s', (_name, makeTarget) => {
  let target: Target;
  const staff = () =>
    new ConsoleClient((path, init) => fetch(`${target.baseUrl}${path}`, init), target.baseUrl);

  beforeAll(async () => {
    target = makeTarget();
    await target.start();
  });
  afterAll(async () => {
    await target?.dispose();
  });

  it('keeps the console behind a log-in and refuses wrong passwords', async () => {
    const anonymous = await fetch(`${target.baseUrl}/console/classes/demo_p3_2`, { redirect: 'manual' });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toBe('/console/login');
    const wrong = await staff().logIn('demo-teacher', 'not-the-password');
    expect(wrong.status).toBe(401);
  });

  it('imports a roster, prints codes, binds a parent in chat and shows them as bound', async () => {
    const teacher = staff();
    expect((await teacher.logIn('demo-teacher', DEMO_PASSWORD)).status).toBe(303);
    await teacher.get('/console/import');
    const csv =
      '班级,学号,学生姓名,监护人姓名,与学生关系,监护人手机号\r\n三年级二班,D20230299,钱多多,钱进,父亲,13700009999\r\n';
    const preview = await teacher.post('/console/import', { file: new File([csv], 'roster.csv') });
    const importId = (await preview.text()).match(/\/console\/import\/(imp_[a-z0-9]+)\/confirm/)?.[1];
    expect(importId).toBeDefined();
    expect(await (await teacher.post(`/console/import/${importId}/confirm`)).text()).toContain(
      '新增学生 1 名',
    );

    // The teacher of 三年级二班 may not open another class.
    expect((await teacher.get('/console/classes/demo_p5_1')).status).toBe(403);

    // Printing is a post that redirects to the print's own page.
    const posted = await teacher.post('/console/classes/demo_p3_2/codes', { students: 'unbound' });
    expect(posted.status).toBe(303);
    const printed = await (await teacher.get(posted.headers.get('location')!)).text();
    const slip = printed.split('class="slip"').find((part) => part.includes('钱多多')) ?? '';
    const [code] = codesOnPage(slip);
    expect(code).toBeDefined();

    const parent = new ChatClient((path, init) => fetch(`${target.baseUrl}${path}`, init));
    await parent.start();
    await parent.choose('bind');
    expect(lastText(await parent.text('WRONG-CODE'))).toContain('8 位');
    expect(lastText(await parent.text(code!.toLowerCase()))).toContain('钱*多');
    await parent.choose('yes');
    expect(allText(await parent.choose('father'))).toContain('绑定成功');
    const children = await (await parent.raw('/children')).json();
    expect(children).toMatchObject({ children: [{ studentMasked: '钱*多', relation: 'father' }] });

    // Single use: a second phone cannot use the same code.
    const other = new ChatClient((path, init) => fetch(`${target.baseUrl}${path}`, init));
    await other.start();
    await other.choose('bind');
    expect(allText(await other.text(code!))).toContain('已经被使用');

    const page = await (await teacher.get('/console/classes/demo_p3_2')).text();
    const row = page.split('<tr').find((part) => part.includes('钱多多')) ?? '';
    expect(row).toContain('已绑定');
  });
});
