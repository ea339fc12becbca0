import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/password.js';
import { ConsoleClient } from '../support/console-client.js';
import { familiesSql, familyRows, formFields, schoolSql, withFields } from '../support/notice-world.js';
import { nodeTarget, type Target } from '../support/targets.js';
import { TEST_PASSWORD } from '../support/test-school.js';

// kill -9 in the middle of a 10,000-recipient send on Node, then a restart: every family ends up with the
// notice exactly once. Small delivery pages make the send long enough to be killed half-way.

const COUNT = 10_000;
const CLASSES = Array.from({ length: 10 }, (_, index) => `x${index}`);

describe('a Node process killed in the middle of a send', () => {
  let target: Target;
  let reader: BetterSqlite3.Database;
  const count = (sql: string) => (reader.prepare(sql).get() as { n: number }).n;

  beforeAll(async () => {
    const now = Date.now();
    const rows = await familyRows({ count: COUNT, schoolId: 'sch1', classIds: CLASSES, now, prefix: 'k' });
    const seedSql = `${schoolSql({ passwordHash: await hashPassword(TEST_PASSWORD), now, classIds: CLASSES })}\n${familiesSql(rows)}`;
    target = nodeTarget({ SEED_DEMO: 'false', DELIVERY_PAGE_SIZE: '200' }, { seedSql });
    await target.start();
    reader = new BetterSqlite3(join(target.dataDir, 'mingbai.db'), { readonly: true });
  }, 300_000);
  afterAll(async () => {
    reader?.close();
    await target?.dispose();
  });

  it('sends every recipient exactly once after a restart', async () => {
    const officer = new ConsoleClient(
      (path, init) => fetch(`${target.baseUrl}${path}`, init),
      target.baseUrl,
    );
    expect((await officer.logIn('officer1', TEST_PASSWORD)).status).toBe(303);
    const html = await (await officer.get('/console/notices/new?kind=free_text')).text();
    const fields = withFields(formFields(html, '/console/notices'), {
      scope: 'school',
      title: '关于秋季学期资助的告知',
      body: '请家长阅读。',
    });
    const created = await officer.rawPost(
      '/console/notices',
      new URLSearchParams([['_csrf', officer.csrf], ...fields]).toString(),
      'application/x-www-form-urlencoded',
    );
    expect(created.status).toBe(303);
    const path = created.headers.get('location')!;
    await officer.get(path);
    const sentAt = Date.now();
    expect((await officer.post(`${path}/send`)).status).toBe(303);

    // Wait until delivery is under way, then pull the plug.
    const deadline = Date.now() + 120_000;
    let before = 0;
    while (Date.now() < deadline) {
      before = count(`select count(*) n from outbox where status = 'delivered'`);
      if (before > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    if (before === 0) console.log(target.output().slice(-3000));
    await target.kill();
    console.log(`killed after ${Date.now() - sentAt} ms of sending`);
    const atKill = count(`select count(*) n from outbox where status = 'delivered'`);
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(COUNT);
    expect(count(`select count(*) n from jobs where status = 'running'`)).toBe(1);

    await target.start();
    const end = Date.now() + 120_000;
    while (Date.now() < end && count(`select count(*) n from outbox where status = 'delivered'`) < COUNT) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    console.log(`all delivered ${Date.now() - sentAt} ms after the send`);
    expect(count(`select count(*) n from outbox where status = 'delivered'`)).toBe(COUNT);
    expect(count('select count(*) n from notice_recipients')).toBe(COUNT);
    // Exactly one card in every family's chat.
    const cards = `select conversation_id, count(*) c from chat_messages where payload like '%"/n/%' group by conversation_id`;
    expect(count(`select count(*) n from (${cards})`)).toBe(COUNT);
    expect(count(`select count(*) n from (${cards}) where c != 1`)).toBe(0);
    expect(count(`select count(*) n from jobs where status != 'done'`)).toBe(0);
    expect(target.output()).toContain('resuming jobs of a stopped process');
  }, 400_000);
});
