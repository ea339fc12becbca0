import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed-demo-school.js';
import { t } from '../../src/i18n/index.js';
import { allText, ChatClient, lastText } from '../support/chat-client.js';
import { ConsoleClient, codesOnPage } from '../support/console-client.js';
import { nodeTarget, type Target, workerTarget } from '../support/targets.js';
import { makeTempDir } from '../support/temp-dir.js';

// Issue 7 on both runtimes: limits hold under bursts of parallel requests (defects 1 and 9), codes survive a
// restart under their secret (12), and bad configuration fails loudly (13).
const targets: [string, () => Target][] = [
  ['node', () => nodeTarget()],
  ['worker', () => workerTarget({ SEED_DEMO: 'true' })],
];

/**
 * `wrangler dev`'s local proxy sometimes drops a few of 100+ simultaneous connections before they reach the
 * Worker ("Your worker restarted mid-request… Only GET or HEAD requests are retried automatically", or a
 * reset socket). Such a request never ran, so it is sent again, as the proxy asks; the app's answers are
 * never retried. Deployed Workers have no such proxy.
 */
async function send(url: string, init?: RequestInit): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(url, init);
      if (response.status !== 503 || attempt === 5) return response;
      const text = await response.clone().text();
      if (!text.includes('restarted mid-request')) return response;
    } catch (error) {
      if (attempt === 5 || !String((error as Error).cause ?? error).includes('ECONNRESET')) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
  }
}

const count = (responses: Response[]) => {
  const byStatus: Record<number, number> = {};
  for (const response of responses) byStatus[response.status] = (byStatus[response.status] ?? 0) + 1;
  return byStatus;
};
const auditActions = (html: string) => [...html.matchAll(/<tr data-action="([^"]+)">/g)].map((m) => m[1]);

describe.each(targets)('limits under attack on %s', (_name, makeTarget) => {
  let target: Target;
  const staff = () =>
    new ConsoleClient((path, init) => send(`${target.baseUrl}${path}`, init), target.baseUrl);
  const parent = () => new ChatClient((path, init) => send(`${target.baseUrl}${path}`, init));

  beforeAll(async () => {
    target = makeTarget();
    await target.start();
  });
  afterAll(async () => {
    await target?.dispose();
  });

  it('200 parallel wrong passwords: exactly 5 are checked, the right one afterwards is refused', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 200 }, (_, index) => staff().logIn('demo-teacher', `wrong-${index}`)),
    );
    expect(count(attempts)).toEqual({ 401: 5, 429: 195 });
    const owner = await staff().logIn('demo-teacher', DEMO_PASSWORD);
    expect(owner.status).toBe(429);
    expect(await owner.text()).toContain(t('zh-CN', 'console.login.locked', { minutes: 15 }));
    // The lock is the account's: the officer on the same address logs in, and the log shows 5 failures
    // and the refusals in aggregate (1st, 10th, 100th), not 200 rows.
    const officer = staff();
    expect((await officer.logIn('demo-officer', DEMO_PASSWORD)).status).toBe(303);
    const audit = auditActions(await (await officer.get('/console/audit?action=auth.')).text());
    expect(audit.filter((action) => action === 'auth.login_failed')).toHaveLength(5);
    expect(audit.filter((action) => action === 'auth.login_locked')).toHaveLength(3);
  });

  it('100 parallel creations of one account: one wins, the others get 409 username_taken', async () => {
    const officer = staff();
    expect((await officer.logIn('demo-officer', DEMO_PASSWORD)).status).toBe(303);
    await officer.get('/console/accounts');
    const form = {
      username: 'race-made',
      displayName: '新老师',
      role: 'class_teacher',
      password: 'new-password-1',
    };
    const responses = await Promise.all(
      Array.from({ length: 100 }, () => officer.post('/console/accounts', form)),
    );
    expect(count(responses)).toEqual({ 200: 1, 409: 99 });
    expect(
      responses.filter((response) => response.headers.get('x-error-code') === 'username_taken'),
    ).toHaveLength(99);
    const audit = auditActions(await (await officer.get('/console/audit?action=account.create')).text());
    expect(audit).toHaveLength(1);
    expect((await staff().logIn('race-made', 'new-password-1')).status).toBe(303);
  });

  it('100 parallel confirms of one roster import: one commits, no duplicate students or guardians', async () => {
    const officer = staff();
    expect((await officer.logIn('demo-officer', DEMO_PASSWORD)).status).toBe(303);
    await officer.get('/console/import');
    const csv =
      '班级,学号,学生姓名,监护人姓名,与学生关系,监护人手机号\r\n三年级二班,D20230501,孙一帆,孙大海,父亲,13700005011\r\n';
    const preview = await officer.post('/console/import', { file: new File([csv], 'roster.csv') });
    const importId = (await preview.text()).match(/\/console\/import\/(imp_[a-z0-9]+)\/confirm/)?.[1];
    expect(importId).toBeDefined();
    const responses = await Promise.all(
      Array.from({ length: 100 }, () => officer.post(`/console/import/${importId}/confirm`)),
    );
    expect(count(responses)).toEqual({ 200: 1, 409: 99 });
    expect(
      responses.filter((response) => response.headers.get('x-error-code') === 'import_already_confirmed'),
    ).toHaveLength(99);
    expect(
      auditActions(await (await officer.get('/console/audit?action=roster.import')).text()),
    ).toHaveLength(1);
    const classPage = await (await officer.get('/console/classes/demo_p3_2')).text();
    // Each name once in the roster (its tick box is labelled with it too): no duplicate students or guardians.
    expect(classPage.split('>孙一帆<')).toHaveLength(2);
    expect(classPage.split('孙大海（')).toHaveLength(2);
  });

  it('a code printed before a restart still binds after it (the code secret is kept)', async () => {
    const officer = staff();
    expect((await officer.logIn('demo-officer', DEMO_PASSWORD)).status).toBe(303);
    // Printing is a POST-redirect-GET: the slips are on the print's own page.
    const posted = await officer.post('/console/classes/demo_p3_2/codes', { students: 'all' });
    const printed = await (await officer.get(posted.headers.get('location') ?? '')).text();
    const [code] = codesOnPage(printed);
    expect(code).toBeDefined();
    await target.restart();
    const chat = parent();
    await chat.start();
    await chat.choose('bind');
    expect(lastText(await chat.text(code!))).toContain('*');
  });

  it('100 parallel wrong codes from one address: exactly 20 are checked, then the address is locked', async () => {
    const guessers = await Promise.all(
      Array.from({ length: 100 }, async () => {
        const chat = parent();
        await chat.start();
        await chat.choose('bind');
        return chat;
      }),
    );
    const replies = await Promise.all(guessers.map((chat) => chat.text('HJKM2345')));
    const said = replies.map(allText);
    expect(said.filter((text) => text.includes(t('zh-CN', 'flows.bind.code_invalid')))).toHaveLength(20);
    expect(said.filter((text) => text.includes(t('zh-CN', 'flows.bind.locked')))).toHaveLength(80);
  });
});

describe('bad configuration fails loudly', () => {
  it('on Node the process refuses to start and names the setting', async () => {
    const data = makeTempDir('misconfigured');
    try {
      const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = execFile(
          process.execPath,
          ['--import', 'tsx', 'src/entry/node.ts'],
          { env: { ...process.env, AID_HOTLINE: '12309', DATA_DIR: data.path, PORT: '0' }, timeout: 60_000 },
          (_error, _stdout, stderr) => resolve({ code: child.exitCode, stderr }),
        );
      });
      expect(code).toBe(1);
      expect(stderr).toContain('AID_HOTLINE');
      expect(stderr).not.toContain('    at '); // a message, not a stack trace
    } finally {
      data.remove();
    }
  });

  describe('a Worker with a bad setting', () => {
    let target: Target;
    beforeAll(async () => {
      target = workerTarget({ AID_HOTLINE: '12309' }, { expectHealthy: false });
      await target.start();
    });
    afterAll(async () => {
      await target?.dispose();
    });

    it('answers every request with one 503 naming the setting', async () => {
      const requests: [string, RequestInit?][] = [
        ['/healthz'],
        ['/chat'],
        ['/console/login'],
        [
          '/api/ask',
          { method: 'POST', body: '{"question":"低保"}', headers: { 'content-type': 'application/json' } },
        ],
      ];
      for (const [path, init] of requests) {
        const response = await fetch(`${target.baseUrl}${path}`, init);
        expect(response.status, path).toBe(503);
        const body = (await response.json()) as {
          error: { code: string; message: string; details: unknown };
        };
        expect(body.error.code).toBe('misconfigured');
        expect(body.error.message).toContain('AID_HOTLINE');
        expect(body.error.details).toEqual({ settings: ['AID_HOTLINE'] });
      }
    });
  });

  describe('a Worker whose D1 was never migrated', () => {
    let target: Target;
    beforeAll(async () => {
      target = workerTarget({}, { migrate: false, expectHealthy: false });
      await target.start();
    });
    afterAll(async () => {
      await target?.dispose();
    });

    it('fails its health check with schema_outdated', async () => {
      const response = await fetch(`${target.baseUrl}/healthz`);
      expect(response.status).toBe(503);
      const body = (await response.json()) as { schema: { applied: number }; error: { code: string } };
      expect(body.error.code).toBe('schema_outdated');
      expect(body.schema.applied).toBe(0);
    });
  });
});
