import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { auditLog, districts, schools, staffAccounts } from '../../src/db/schema.js';
import { seedDemoSchool } from '../../src/demo/seed-demo-school.js';
import { ConsoleClient } from '../support/console-client.js';
import { makeTestDeps } from '../support/test-deps.js';

const TOKEN = 'setup-token-for-tests-0123';
const GOOD = {
  token: TOKEN,
  districtName: '清溪县',
  displayName: '周主任',
  username: 'zhou.zr',
  password: 'first-password-1',
  passwordAgain: 'first-password-1',
  schoolName: '清溪县实验小学',
  stage: 'primary',
  ownership: 'public',
  residence: 'rural',
};

describe('first-run setup', () => {
  let harness: ReturnType<typeof makeTestDeps>;
  let app: ReturnType<typeof createApp>;
  const browser = () => new ConsoleClient(async (path, init) => app.request(path, init));
  const count = async (table: typeof districts | typeof staffAccounts | typeof schools) =>
    Number(await harness.deps.database.db.$count(table));

  beforeEach(() => {
    harness = makeTestDeps({ SETUP_TOKEN: TOKEN });
    app = createApp(harness.deps);
  });
  afterEach(() => harness.close());

  it('sends an empty deployment to the setup page, in standards mode', async () => {
    const home = await app.request('/console', { redirect: 'manual' });
    expect(home.status).toBe(302);
    expect(home.headers.get('location')).toBe('/console/setup');
    const login = await app.request('/console/login', { redirect: 'manual' });
    expect(login.headers.get('location')).toBe('/console/setup');
    const page = await app.request('/console/setup');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('设置口令');
  });

  it('refuses a missing or wrong token, changes nothing and logs the attempt', async () => {
    const missing = await browser().post('/console/setup', { ...GOOD, token: '' });
    expect(missing.status).toBe(403);
    expect(await missing.text()).toContain('请输入设置口令');
    const wrong = await browser().post('/console/setup', { ...GOOD, token: 'not-the-token-at-all' });
    expect(wrong.status).toBe(403);
    const html = await wrong.text();
    expect(html).toContain('设置口令不正确');
    // What was typed stays in the form.
    expect(html).toContain('value="清溪县"');
    expect(await count(districts)).toBe(0);
    expect(await count(staffAccounts)).toBe(0);
    const refused = await harness.deps.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'setup.token_refused'));
    expect(refused).toHaveLength(2);
  });

  it('says which field is wrong and why, keeping what was typed', async () => {
    const response = await browser().post('/console/setup', {
      ...GOOD,
      username: '周主任',
      passwordAgain: 'something-else-1',
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('用户名不能用汉字');
    expect(html).toContain('两次输入的密码不一致');
    expect(html).toContain('value="周主任"');
    expect(html).toContain('value="清溪县实验小学"');
    expect(html).not.toContain('first-password-1');
    expect(await count(staffAccounts)).toBe(0);
  });

  it('creates the district, its officer and the first school, then is gone', async () => {
    const done = await browser().post('/console/setup', GOOD);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('zhou.zr');
    const [district] = await harness.deps.database.db.select().from(districts);
    expect(district?.name).toBe('清溪县');
    const [officer] = await harness.deps.database.db.select().from(staffAccounts);
    expect(officer).toMatchObject({
      username: 'zhou.zr',
      role: 'district_officer',
      districtId: district?.id,
    });
    const [school] = await harness.deps.database.db.select().from(schools);
    expect(school).toMatchObject({ name: '清溪县实验小学', stage: 'primary', residence: 'rural' });

    expect((await app.request('/console/setup')).status).toBe(404);
    const again = await browser().post('/console/setup', { ...GOOD, username: 'second.one' });
    expect(again.status).toBe(404);
    expect(await count(staffAccounts)).toBe(1);
    // An empty-token visitor now lands on the log-in page, and the officer can log in.
    const home = await app.request('/console', { redirect: 'manual' });
    expect(home.headers.get('location')).toBe('/console/login');
    const officerBrowser = browser();
    expect((await officerBrowser.logIn('zhou.zr', 'first-password-1')).status).toBe(303);
    expect(await (await officerBrowser.get('/console/schools')).text()).toContain('清溪县实验小学');
  });

  it('lets only one of two simultaneous setups through', async () => {
    const results = await Promise.all([
      browser().post('/console/setup', GOOD),
      browser().post('/console/setup', { ...GOOD, username: 'other.person', districtName: '别的县' }),
    ]);
    expect(results.map((response) => response.status).sort()).toEqual([200, 404]);
    expect(await count(districts)).toBe(1);
    expect(await count(staffAccounts)).toBe(1);
  });

  it('stops guessing after ten wrong tokens from one address', async () => {
    for (let i = 0; i < 10; i++) await browser().post('/console/setup', { ...GOOD, token: `wrong-${i}` });
    const blocked = await browser().post('/console/setup', GOOD);
    expect(blocked.status).toBe(429);
    expect(await count(staffAccounts)).toBe(0);
  });

  it('is 404 on a deployment that already has accounts (the demo)', async () => {
    await seedDemoSchool(harness.deps);
    expect((await app.request('/console/setup')).status).toBe(404);
  });
});

describe('first-run setup without a configured token', () => {
  it('explains how to set one and refuses every post', async () => {
    const harness = makeTestDeps();
    try {
      const app = createApp(harness.deps);
      const page = await (await app.request('/console/setup')).text();
      expect(page).toContain('wrangler secret put SETUP_TOKEN');
      const client = new ConsoleClient(async (path, init) => app.request(path, init));
      expect((await client.post('/console/setup', { ...GOOD, token: '' })).status).toBe(403);
      expect((await client.post('/console/setup', GOOD)).status).toBe(403);
      expect(Number(await harness.deps.database.db.$count(staffAccounts))).toBe(0);
    } finally {
      harness.close();
    }
  });
});
