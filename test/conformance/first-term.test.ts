import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleClient } from '../support/console-client.js';
import { type FirstTerm, importFirstRoster, setUpFirstTerm } from '../support/first-term.js';
import { nodeTarget, type Target, workerTarget } from '../support/targets.js';

// Issue 8's acceptance: a real county's first term from an empty database, on Node and on workerd.
// Node gets no SETUP_TOKEN, so it prints a one-time token in its log; the Worker gets it as a var (a secret
// in production).
const WORKER_TOKEN = 'conformance-setup-token-0042';
const targets: [string, () => Target, (target: Target) => string][] = [
  ['node', () => nodeTarget({ SEED_DEMO: 'false' }), (target) => tokenFromLog(target.output())],
  ['worker', () => workerTarget({ SETUP_TOKEN: WORKER_TOKEN }), () => WORKER_TOKEN],
];

function tokenFromLog(log: string): string {
  const line = log.split('\n').find((each) => each.includes('"setupToken"'));
  const token = line ? (JSON.parse(line) as { setupToken?: string }).setupToken : undefined;
  if (!token) throw new Error(`no setup token in the log:\n${log}`);
  return token;
}

describe.each(targets)('a county’s first term on %s', (_name, makeTarget, setupToken) => {
  let target: Target;
  let term: FirstTerm;
  const fetcher = (path: string, init?: RequestInit) => fetch(`${target.baseUrl}${path}`, init);
  const browser = () => new ConsoleClient(fetcher, target.baseUrl);

  beforeAll(async () => {
    target = makeTarget();
    await target.start();
  });
  afterAll(async () => {
    await target?.dispose();
  });

  it('leads an empty database to setup, which refuses a missing or wrong token', async () => {
    const home = await fetcher('/console', { redirect: 'manual' });
    expect(home.status).toBe(302);
    expect(home.headers.get('location')).toBe('/console/setup');
    const page = await fetcher('/console/setup');
    expect(page.status).toBe(200);
    expect((await page.text()).startsWith('<!doctype html>')).toBe(true);
    const form = {
      districtName: '冒充县',
      displayName: '某人',
      username: 'intruder',
      password: 'intruder-pass-1',
      passwordAgain: 'intruder-pass-1',
    };
    expect((await browser().post('/console/setup', { ...form, token: '' })).status).toBe(403);
    expect(
      (await browser().post('/console/setup', { ...form, token: `${setupToken(target)}x` })).status,
    ).toBe(403);
    expect((await browser().logIn('intruder', 'intruder-pass-1')).status).not.toBe(303);
  });

  it('sets up the county, a school, a term, two classes and a teacher of both, who imports the roster', async () => {
    term = await setUpFirstTerm(fetcher, target.baseUrl, setupToken(target));
    const home = await (await term.teacher.get('/console')).text();
    expect(home).toContain('三年级一班');
    expect(home).toContain('三年级二班');
    await importFirstRoster(term.teacher);
    const roster = await (await term.teacher.get(`/console/classes/${term.classIds[0]}`)).text();
    expect(roster).toContain('孙小雨');
    expect(roster).toContain('周一一');
  });

  it('has no setup page any more, even after a restart', async () => {
    expect((await fetcher('/console/setup')).status).toBe(404);
    expect((await browser().post('/console/setup', { token: setupToken(target) })).status).toBe(404);
    await target.restart();
    expect((await fetcher('/console/setup')).status).toBe(404);
    const home = await fetcher('/console', { redirect: 'manual' });
    expect(home.headers.get('location')).toBe('/console/login');
  });
});
