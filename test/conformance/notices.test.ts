import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/password.js';
import { TINY_PNG } from '../support/chat-client.js';
import { ConsoleClient } from '../support/console-client.js';
import { draftNotice, familiesSql, familyRows, schoolSql } from '../support/notice-world.js';
import { nodeTarget, type Target, workerTarget } from '../support/targets.js';
import { TEST_PASSWORD } from '../support/test-school.js';

// The same notice send on both runtimes: 1,000 bound guardians, through the jobs table and the in-process
// worker on Node, through Cloudflare Queues on workerd. Every family gets one card; one signs.

const COUNT = 1_000;
const CLASSES = ['k1', 'k2', 'k3', 'k4', 'k5'];

async function seed(): Promise<{
  sql: string;
  families: Awaited<ReturnType<typeof familyRows>>['families'];
}> {
  const now = Date.now();
  const rows = await familyRows({ count: COUNT, schoolId: 'sch1', classIds: CLASSES, now, prefix: 'q' });
  return {
    sql: `${schoolSql({ passwordHash: await hashPassword(TEST_PASSWORD), now, classIds: CLASSES })}\n${familiesSql(rows)}`,
    families: rows.families,
  };
}

const seeded = seed();
const targets: [string, (sql: string) => Target][] = [
  ['node', (sql) => nodeTarget({ SEED_DEMO: 'false' }, { seedSql: sql })],
  ['worker', (sql) => workerTarget({}, { seedSql: sql })],
];

describe.each(targets)('a notice to %s guardians', (_name, makeTarget) => {
  let target: Target;
  let officer: ConsoleClient;
  let families: Awaited<typeof seeded>['families'];
  const fetcher = (path: string, init?: RequestInit) => fetch(`${target.baseUrl}${path}`, init);

  beforeAll(async () => {
    const data = await seeded;
    families = data.families;
    target = makeTarget(data.sql);
    await target.start();
    officer = new ConsoleClient(fetcher, target.baseUrl);
    expect((await officer.logIn('officer1', TEST_PASSWORD)).status).toBe(303);
  }, 400_000);
  afterAll(async () => {
    await target?.dispose();
  });

  it(`reaches all ${COUNT} families exactly once`, async () => {
    const path = await draftNotice(officer, { scope: 'school' });
    await officer.get(path);
    expect((await officer.post(`${path}/send`)).status).toBe(303);

    const deadline = Date.now() + 100_000;
    let delivered = 0;
    while (Date.now() < deadline) {
      const page = await (await officer.get(path)).text();
      delivered = Number(/<td data-stat="delivered">(\d+)/.exec(page)?.[1] ?? 0);
      if (delivered >= COUNT) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(delivered).toBe(COUNT);

    for (const family of [families[0]!, families[499]!, families[COUNT - 1]!]) {
      const response = await fetcher(`/api/chat/conversations/${family.conversationId}/messages`, {
        headers: { authorization: `Bearer ${family.token}` },
      });
      const messages = (
        (await response.json()) as { messages: { payload: { type: string; buttons?: { url?: string }[] } }[] }
      ).messages;
      const cards = messages.filter((message) => message.payload.type === 'card');
      expect(cards).toHaveLength(1);
    }
  });

  it('takes a signature and shows it to the officer', async () => {
    const family = families[1]!;
    const response = await fetcher(`/api/chat/conversations/${family.conversationId}/messages`, {
      headers: { authorization: `Bearer ${family.token}` },
    });
    const messages = (
      (await response.json()) as { messages: { payload: { type: string; buttons?: { url?: string }[] } }[] }
    ).messages;
    const link = messages.find((message) => message.payload.type === 'card')!.payload.buttons![0]!.url!;
    expect((await fetcher(link)).status).toBe(200);
    const step = await fetcher(link, {
      method: 'POST',
      headers: { origin: target.baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'q0=1',
    });
    expect(await step.text()).toContain('id="signature"');
    const sign = () =>
      fetcher(`${link}/signature`, {
        method: 'POST',
        headers: { origin: target.baseUrl, 'content-type': 'application/json' },
        body: JSON.stringify({
          answers: [1],
          strokes: [
            {
              points: [
                { x: 4, y: 4 },
                { x: 50, y: 30 },
              ],
            },
          ],
          width: 300,
          height: 150,
          png: `data:image/png;base64,${btoa(String.fromCharCode(...TINY_PNG))}`,
        }),
      });
    const results = await Promise.all([sign(), sign(), sign()]);
    expect(results.map((each) => each.status).sort()).toEqual([200, 200, 201]);
    const list = await (await officer.get('/console/notices')).text();
    const path = /href="(\/console\/notices\/ntc_[a-z0-9]+)"/.exec(list)![1]!;
    const detail = await (await officer.get(path)).text();
    const image = /src="(\/console\/notices\/[^"]+\/signature)"/.exec(detail)![1]!;
    const png = await officer.get(image);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await png.arrayBuffer())).toEqual(TINY_PNG);
  });
});
