import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { noticeReceipts } from '../../src/db/schema.js';
import { SIGNATURE_PAD_SOURCE } from '../../src/notices/vendor/signature-pad-source.js';
import { TINY_PNG } from '../support/chat-client.js';
import { ConsoleClient } from '../support/console-client.js';
import { familyRows, formFields, insertFamilies, withFields } from '../support/notice-world.js';
import { makeTestDeps } from '../support/test-deps.js';
import { createTestSchool, TEST_PASSWORD } from '../support/test-school.js';

// The guardian's link is the only credential on /n/: it shows one family its own rows and nothing else, and
// bad input gets a clear refusal, never a crash or a stored receipt.

describe('the guardian link', () => {
  let harness: ReturnType<typeof makeTestDeps>;
  let app: ReturnType<typeof createApp>;
  const links: string[] = [];
  const fetcher = async (path: string, init?: RequestInit) => app.request(path, init);
  const post = (path: string, body: string, type: string, origin = 'http://localhost') =>
    fetcher(path, { method: 'POST', headers: { 'content-type': type, origin }, body });

  beforeAll(async () => {
    harness = makeTestDeps();
    await createTestSchool(harness.deps);
    app = createApp(harness.deps);
    const rows = await familyRows({
      count: 2,
      schoolId: 'sch1',
      classIds: ['c32'],
      now: harness.clock.now(),
    });
    await insertFamilies(harness.deps, rows);
    const teacher = new ConsoleClient(fetcher);
    await teacher.logIn('teacher32', TEST_PASSWORD);
    const html = await (await teacher.get('/console/notices/new?kind=funding_notice')).text();
    const fields = withFields(formFields(html, '/console/notices'), {
      rows: 'F00000,家庭经济困难学生生活补助,625,2026-09-30\nF00001,家庭经济困难学生生活补助,1250,',
    });
    const created = await teacher.rawPost(
      '/console/notices',
      new URLSearchParams([['_csrf', teacher.csrf], ...fields]).toString(),
      'application/x-www-form-urlencoded',
    );
    expect(created.status).toBe(303);
    const path = created.headers.get('location')!;
    await teacher.get(path);
    expect((await teacher.post(`${path}/send`)).status).toBe(303);
    await harness.queue.drain();
    for (const family of rows.families) {
      const response = await fetcher(`/api/chat/conversations/${family.conversationId}/messages`, {
        headers: { authorization: `Bearer ${family.token}` },
      });
      const messages = (
        (await response.json()) as { messages: { payload: { type: string; buttons?: { url?: string }[] } }[] }
      ).messages;
      links.push(messages.find((message) => message.payload.type === 'card')!.payload.buttons![0]!.url!);
    }
  });
  afterAll(() => harness.close());

  it("shows each family only its own child's rows, masked", async () => {
    const first = await (await fetcher(links[0]!)).text();
    expect(first).toContain('学*****0');
    expect(first).not.toContain('学生00000');
    expect(first).toContain('625');
    expect(first).toContain('2026-09-30');
    expect(first).not.toContain('1250');
    const second = await (await fetcher(links[1]!)).text();
    expect(second).toContain('1250');
    expect(second).toContain('尚未发放');
    expect(second).not.toContain('625');
  });

  it('speaks the language asked for', async () => {
    const english = await (await fetcher(`${links[0]}?lang=en`)).text();
    expect(english).toContain('Your child&#39;s aid');
    expect(english).toContain('<html lang="en">');
    const traditional = await (await fetcher(links[0]!, { headers: { 'accept-language': 'zh-TW' } })).text();
    expect(traditional).toContain('您孩子的資助');
  });

  it('refuses bad signatures clearly and stores nothing', async () => {
    const link = links[1]!;
    const good = {
      answers: [1],
      strokes: [
        {
          points: [
            { x: 1, y: 1 },
            { x: 9, y: 9 },
          ],
        },
      ],
      width: 300,
      height: 150,
      png: `data:image/png;base64,${btoa(String.fromCharCode(...TINY_PNG))}`,
    };
    const json = 'application/json';
    const cases: [string, number, string][] = [
      ['{not json', 400, 'invalid_body'],
      [JSON.stringify({ ...good, strokes: [] }), 400, 'invalid_body'],
      [
        JSON.stringify({ ...good, png: `data:image/png;base64,${btoa('GIF89a not a png')}` }),
        400,
        'invalid_signature',
      ],
      [JSON.stringify({ ...good, png: 'data:image/svg+xml;base64,PHN2Zz4=' }), 400, 'invalid_signature'],
      [JSON.stringify({ ...good, answers: [0] }), 422, 'check_failed'],
      [JSON.stringify({ ...good, png: `data:image/png;base64,${'A'.repeat(700_000)}` }), 413, ''],
    ];
    for (const [body, status, code] of cases) {
      const response = await post(`${link}/signature`, body, json);
      expect(response.status, body.slice(0, 40)).toBe(status);
      if (code) expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
    }
    expect(await harness.deps.database.db.$count(noticeReceipts)).toBe(0);
    // Another site cannot post the confirmation form for the parent.
    expect(
      (await post(link, 'q0=1', 'application/x-www-form-urlencoded', 'https://evil.example')).status,
    ).toBe(403);
    expect(
      (
        await fetcher('/n/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/signature', {
          method: 'POST',
          headers: { 'content-type': json },
          body: JSON.stringify(good),
        })
      ).status,
    ).toBe(404);
    expect((await fetcher('/n/../../etc/passwd')).status).toBe(404);
  });

  it('serves signature_pad 5.1.4 from our own route, the same file as the package', async () => {
    const response = await fetcher('/n/assets/signature_pad.js');
    expect(response.headers.get('content-type')).toContain('text/javascript');
    const text = await response.text();
    expect(text).toContain('Signature Pad v5.1.4');
    const packaged = readFileSync(
      join(import.meta.dirname, '../../node_modules/signature_pad/dist/signature_pad.umd.min.js'),
      'utf8',
    );
    expect(SIGNATURE_PAD_SOURCE).toBe(packaged);
  });
});
