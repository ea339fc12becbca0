import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { DEMO_PASSWORD, seedDemoSchool } from '../../src/demo/seed-demo-school.js';
import { allText, ChatClient, lastText } from '../support/chat-client.js';
import { ConsoleClient, codesOnPage } from '../support/console-client.js';
import { makeTestDeps } from '../support/test-deps.js';

describe('console smoke', () => {
  let harness: ReturnType<typeof makeTestDeps>;
  let app: ReturnType<typeof createApp>;
  beforeEach(async () => {
    harness = makeTestDeps();
    await seedDemoSchool(harness.deps);
    app = createApp(harness.deps);
  });
  afterEach(() => harness.close());

  it('teacher prints codes and a parent binds', async () => {
    const teacher = new ConsoleClient(async (path, init) => app.request(path, init));
    expect((await teacher.logIn('demo-teacher', DEMO_PASSWORD)).status).toBe(303);
    const home = await (await teacher.get('/console')).text();
    expect(home).toContain('三年级二班');
    const page = await teacher.get('/console/classes/demo_p3_2');
    expect(page.status).toBe(200);
    // Printing is a POST-redirect-GET: the slips are on the print's own page.
    const posted = await teacher.post('/console/classes/demo_p3_2/codes', { students: 'unbound' });
    expect(posted.status).toBe(303);
    const printed = await teacher.get(posted.headers.get('location')!);
    expect(printed.status).toBe(200);
    const html = await printed.text();
    const codes = codesOnPage(html);
    expect(codes.length).toBe(2);

    const parent = new ChatClient(async (path, init) => app.request(path, init));
    await parent.start();
    await parent.choose('bind');
    const confirm = await parent.text(codes[0]!);
    expect(lastText(confirm)).toContain('王*明');
    await parent.choose('yes');
    const done = await parent.choose('father');
    expect(allText(done)).toContain('绑定成功');
    const after = await (await teacher.get('/console/classes/demo_p3_2')).text();
    expect(after).toContain('已绑定');
  });
});
