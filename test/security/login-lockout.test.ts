import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed-demo-school.js';
import { t } from '../../src/i18n/index.js';
import {
  auditRows,
  EXTRA_STAFF,
  makeSecurityWorld,
  type SecurityWorld,
  STAFF_PASSWORD,
  StaffAgent,
  withHeaders,
} from '../support/security-fixtures.js';

const MINUTE = 60_000;

// Issue 7, defects 1, 6 and 11: the attempt is counted before the password is hashed, locks follow the
// account (not a school's shared address) and grow, and a flood of refusals writes a bounded audit trail.
describe('log-in lockout under attack', { timeout: 60_000 }, () => {
  let world: SecurityWorld;
  beforeEach(async () => {
    world = await makeSecurityWorld();
  });
  afterEach(() => world.harness.close());

  const browserAt = (ip: string) => new StaffAgent(withHeaders(world.fetcher, { 'x-forwarded-for': ip }));
  const statuses = (responses: Response[]) => {
    const counts: Record<number, number> = {};
    for (const response of responses) counts[response.status] = (counts[response.status] ?? 0) + 1;
    return counts;
  };

  it('200 parallel wrong passwords: exactly 5 are checked, the right one afterwards is refused', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        browserAt(`203.0.113.${index % 250}`).logIn('demo-teacher', `wrong-${index}`),
      ),
    );
    expect(statuses(attempts)).toEqual({ 401: 5, 429: 195 });
    expect(await auditRows(world, 'auth.login_failed')).toHaveLength(5);
    const owner = await browserAt('198.51.100.1').logIn('demo-teacher', DEMO_PASSWORD);
    expect(owner.status).toBe(429);
    expect(owner.headers.get('set-cookie') ?? '').not.toContain('mb_session');
  });

  it('a second lock in a row lasts twice as long, and a good log-in starts over', async () => {
    const attacker = browserAt('203.0.113.7');
    const failFive = async () => {
      for (let attempt = 0; attempt < 5; attempt++)
        expect((await attacker.logIn('demo-teacher', `wrong-${attempt}`)).status).toBe(401);
    };
    await failFive();
    expect((await attacker.logIn('demo-teacher', 'wrong-again')).status).toBe(429);
    world.clock.advance(15 * MINUTE + 1000);
    await failFive();
    const locked = await attacker.logIn('demo-teacher', DEMO_PASSWORD);
    expect(locked.status).toBe(429);
    expect(await locked.text()).toContain(t('zh-CN', 'console.login.locked', { minutes: 30 }));
    world.clock.advance(29 * MINUTE);
    expect((await attacker.logIn('demo-teacher', DEMO_PASSWORD)).status).toBe(429);
    world.clock.advance(2 * MINUTE);
    expect((await attacker.logIn('demo-teacher', DEMO_PASSWORD)).status).toBe(303);
    // After a good log-in the next lock is 15 minutes again.
    await failFive();
    expect(await (await attacker.logIn('demo-teacher', DEMO_PASSWORD)).text()).toContain(
      t('zh-CN', 'console.login.locked', { minutes: 15 }),
    );
  });

  it('many failures from one school network do not lock out the other staff on it', async () => {
    const school = browserAt('198.51.100.99');
    // 35 wrong passwords spread over seven accounts (a busy morning, or someone trying): each locks only itself.
    const accounts = ['demo-teacher', 'demo-officer', 'sec-leader', 'sec-principal', 'sec-district'];
    for (const username of [...accounts, 'victim-pw-p', 'victim-role-p'])
      for (let attempt = 0; attempt < 5; attempt++)
        expect((await school.logIn(username, `wrong-${attempt}`)).status).toBe(401);
    expect((await school.logIn('demo-teacher', DEMO_PASSWORD)).status).toBe(429);
    const colleague = await browserAt('198.51.100.99').logIn(EXTRA_STAFF.teacher2.username, STAFF_PASSWORD);
    expect(colleague.status).toBe(303);
  });

  it('limits unknown usernames per address, without touching real accounts from there', async () => {
    const sprayer = browserAt('203.0.113.66');
    for (let index = 0; index < 30; index++)
      expect((await sprayer.logIn(`nobody-${index}`, 'guess')).status).toBe(401);
    expect((await sprayer.logIn('nobody-else', 'guess')).status).toBe(429);
    expect((await browserAt('203.0.113.67').logIn('nobody-else', 'guess')).status).toBe(401);
    expect((await browserAt('203.0.113.66').logIn('demo-officer', DEMO_PASSWORD)).status).toBe(303);
  });

  it('a flood of refused log-ins writes a handful of audit rows, not one each', async () => {
    const attacker = browserAt('203.0.113.9');
    for (let attempt = 0; attempt < 5; attempt++) await attacker.logIn('demo-teacher', `wrong-${attempt}`);
    const refusals = await Promise.all(
      Array.from({ length: 300 }, () => browserAt('203.0.113.9').logIn('demo-teacher', 'wrong')),
    );
    expect(statuses(refusals)).toEqual({ 429: 300 });
    const locked = await auditRows(world, 'auth.login_locked');
    // The 1st, 10th and 100th refusal, each with the count so far.
    expect(locked.map((row) => JSON.parse(row.details!).refusedSoFar)).toEqual([1, 10, 100]);
    expect(await auditRows(world, 'auth.login_failed')).toHaveLength(5);
  });
});
