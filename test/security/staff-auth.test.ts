import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bindingCodes, rosterImports, staffAccounts, staffSessions } from '../../src/db/schema.js';
import { DEMO_PASSWORD } from '../../src/demo/seed-demo-school.js';
import { t } from '../../src/i18n/index.js';
import { sha256Hex } from '../../src/util/ids.js';
import {
  accountRow,
  auditRows,
  demoOfficer,
  demoTeacher,
  EXTRA_STAFF,
  makeSecurityWorld,
  rosterCsv,
  type SecurityWorld,
  StaffAgent,
  staffAgent,
  withHeaders,
} from '../support/security-fixtures.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const LOCKED = t('zh-CN', 'console.login.locked', { minutes: 15 });
const INVALID = t('zh-CN', 'console.login.invalid');

describe('staff log-in and sessions', () => {
  let world: SecurityWorld;
  beforeEach(async () => {
    world = await makeSecurityWorld();
  });
  afterEach(() => world.harness.close());

  const browserAt = (ip: string) => new StaffAgent(withHeaders(world.fetcher, { 'x-forwarded-for': ip }));
  const sessionsOf = (staffId: string) =>
    world.deps.database.db.select().from(staffSessions).where(eq(staffSessions.staffId, staffId));
  const expectLoggedOut = async (agent: StaffAgent) => {
    const response = await agent.get('/console');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/console/login');
  };

  it('audits a successful log-in as auth.login and a failed one as auth.login_failed', async () => {
    const browser = browserAt('198.51.100.10');
    const failed = await browser.logIn('demo-teacher', 'not-the-password');
    expect(failed.status).toBe(401);
    expect(await failed.text()).toContain(INVALID);
    expect(failed.headers.get('set-cookie') ?? '').not.toContain('mb_session');
    const unknown = await browser.logIn('nobody-here', 'whatever-pass');
    expect(unknown.status).toBe(401);
    expect(await unknown.text()).toContain(INVALID); // same answer: usernames cannot be probed

    const ok = await browser.logIn('demo-teacher', DEMO_PASSWORD);
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/console');

    const failures = await auditRows(world, 'auth.login_failed');
    expect(failures).toHaveLength(2);
    expect(failures[0]).toMatchObject({
      actorType: 'anonymous',
      targetId: 'demo_teacher',
      schoolId: 'demo_primary',
      ip: '198.51.100.10',
    });
    expect(JSON.parse(failures[0]!.details!)).toMatchObject({ username: 'demo-teacher' });
    expect(failures[1]).toMatchObject({ targetId: null, ip: '198.51.100.10' });
    expect(JSON.stringify(failures)).not.toContain('not-the-password'); // passwords never reach the log
    const [login] = await auditRows(world, 'auth.login');
    expect(login).toMatchObject({ actorType: 'staff', actorId: 'demo_teacher', ip: '198.51.100.10' });
  });

  it('locks an account for 15 minutes after 5 wrong passwords, even against the right one', async () => {
    const attacker = browserAt('203.0.113.50');
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await attacker.logIn('demo-teacher', `wrong-${attempt}`)).status).toBe(401);
    }
    // The lock is on the account, not the address: the real teacher elsewhere is locked out too.
    const owner = browserAt('198.51.100.20');
    const locked = await owner.logIn('demo-teacher', DEMO_PASSWORD);
    expect(locked.status).toBe(429);
    expect(await locked.text()).toContain(LOCKED);
    expect(locked.headers.get('set-cookie') ?? '').not.toContain('mb_session');
    expect((await owner.logIn(' DEMO-Teacher ', DEMO_PASSWORD)).status).toBe(429); // same account, other spelling
    expect(await sessionsOf('demo_teacher')).toHaveLength(0);
    // Refusals are audited in aggregate: the first one of the lock, not each.
    expect((await auditRows(world, 'auth.login_locked')).length).toBe(1);
    expect((await auditRows(world, 'auth.login_failed')).length).toBe(5);
    // Another account is not affected.
    expect((await browserAt('203.0.113.50').logIn('demo-officer', DEMO_PASSWORD)).status).toBe(303);

    world.clock.advance(15 * MINUTE - 1000);
    expect((await owner.logIn('demo-teacher', DEMO_PASSWORD)).status).toBe(429);
    world.clock.advance(2000);
    expect((await owner.logIn('demo-teacher', DEMO_PASSWORD)).status).toBe(303);
    expect((await owner.get('/console')).status).toBe(200);
  });

  it('a successful log-in resets the failure count', async () => {
    const browser = browserAt('198.51.100.30');
    for (let attempt = 0; attempt < 4; attempt++) await browser.logIn('demo-teacher', `wrong-${attempt}`);
    expect((await browser.logIn('demo-teacher', DEMO_PASSWORD)).status).toBe(303);
    const again = browserAt('198.51.100.30');
    for (let attempt = 0; attempt < 4; attempt++) await again.logIn('demo-teacher', `wrong-${attempt}`);
    expect((await again.logIn('demo-teacher', DEMO_PASSWORD)).status).toBe(303);
  });

  it('a disabled account cannot log in and loses the sessions it had', async () => {
    const teacher = await demoTeacher(world.fetcher);
    expect((await teacher.get('/console/classes/demo_p3_2')).status).toBe(200);
    const officer = await demoOfficer(world.fetcher);
    // The first press only asks; nothing changes until it is confirmed.
    const asked = await officer.post('/console/accounts/demo_teacher/disable');
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain('确定停用');
    expect((await teacher.get('/console/classes/demo_p3_2')).status).toBe(200);
    expect((await officer.post('/console/accounts/demo_teacher/disable', { confirm: 'yes' })).status).toBe(
      200,
    );
    await expectLoggedOut(teacher);
    expect((await teacher.post('/console/classes/demo_p3_2/codes', { students: 'all' })).status).toBe(401);
    const retry = await new StaffAgent(world.fetcher).logIn('demo-teacher', DEMO_PASSWORD);
    expect(retry.status).toBe(401);
    expect(await retry.text()).toContain(INVALID); // does not say "disabled" to whoever is typing
    const failed = await auditRows(world, 'auth.login_failed');
    expect(JSON.parse(failed.at(-1)!.details!)).toMatchObject({ disabled: true });
    const [disabled] = await auditRows(world, 'account.disable');
    expect(disabled).toMatchObject({ actorId: 'demo_officer', targetId: 'demo_teacher' });

    expect((await officer.post('/console/accounts/demo_teacher/enable')).status).toBe(200);
    await demoTeacher(world.fetcher);
  });

  it('a session of an account disabled behind the console’s back is refused too', async () => {
    const teacher = await demoTeacher(world.fetcher);
    // Only the flag, sessions left in place: the session check itself must refuse.
    await world.deps.database.db
      .update(staffAccounts)
      .set({ disabled: true })
      .where(eq(staffAccounts.id, 'demo_teacher'));
    expect(await sessionsOf('demo_teacher')).toHaveLength(1);
    await expectLoggedOut(teacher);
  });

  it('a password reset by an officer logs the account out; the new password works, the old one not', async () => {
    const teacher = await demoTeacher(world.fetcher);
    const officer = await demoOfficer(world.fetcher);
    const tooShort = await officer.post('/console/accounts/demo_teacher/password', { password: 'short' });
    expect(tooShort.status).toBe(400);
    expect((await teacher.get('/console')).status).toBe(200);

    const reset = await officer.post('/console/accounts/demo_teacher/password', {
      password: 'brand-new-pass-1',
    });
    expect(reset.status).toBe(200);
    await expectLoggedOut(teacher);
    expect(await sessionsOf('demo_teacher')).toHaveLength(0);
    expect((await new StaffAgent(world.fetcher).logIn('demo-teacher', DEMO_PASSWORD)).status).toBe(401);
    const fresh = await staffAgent(world.fetcher, 'demo-teacher', 'brand-new-pass-1');
    expect((await fresh.get('/console/classes/demo_p3_2')).status).toBe(200);
    const [entry] = await auditRows(world, 'account.password_reset');
    expect(entry).toMatchObject({
      actorId: 'demo_officer',
      targetId: 'demo_teacher',
      schoolId: 'demo_primary',
    });
    // The officer's own session is untouched.
    expect((await officer.get('/console/accounts')).status).toBe(200);
  });

  it('a role change logs the account out, so the new role applies at once', async () => {
    const teacher = await demoTeacher(world.fetcher);
    const officer = await demoOfficer(world.fetcher);
    expect(
      (await officer.post('/console/accounts/demo_teacher/role', { role: 'school_leader' })).status,
    ).toBe(200);
    await expectLoggedOut(teacher);
    const leader = await demoTeacher(world.fetcher);
    expect((await leader.post('/console/classes/demo_p3_2/codes', { students: 'all' })).status).toBe(403);
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, for the whole site, and stores only its hash', async () => {
    const response = await new StaffAgent(world.fetcher).logIn('demo-teacher', DEMO_PASSWORD);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^mb_session=[A-Za-z0-9_-]{40,};/);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).toMatch(/;\s*Path=\/(;|$)/);
    expect(cookie).toMatch(/;\s*Expires=/i);
    expect(cookie).not.toMatch(/Secure/i); // plain http in this test
    const token = cookie.match(/^mb_session=([^;]+)/)![1]!;
    const [session] = await sessionsOf('demo_teacher');
    expect(session?.tokenHash).toBe(await sha256Hex(token));
    expect(JSON.stringify(session)).not.toContain(token);

    // Over https the cookie is Secure.
    const secure = await world.app.request('https://localhost/console/login', {
      method: 'POST',
      headers: { origin: 'https://localhost', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'demo-teacher', password: DEMO_PASSWORD }).toString(),
    });
    expect(secure.status).toBe(303);
    expect(secure.headers.get('set-cookie') ?? '').toMatch(/;\s*Secure/i);
  });

  it(`ends a session after STAFF_SESSION_HOURS`, async () => {
    const hours = world.deps.config.STAFF_SESSION_HOURS;
    const teacher = await demoTeacher(world.fetcher);
    world.clock.advance(hours * HOUR - MINUTE);
    expect((await teacher.get('/console/classes/demo_p3_2')).status).toBe(200);
    world.clock.advance(2 * MINUTE);
    await expectLoggedOut(teacher);
    expect((await teacher.get('/console/classes/demo_p3_2')).headers.get('location')).toBe('/console/login');
    expect((await teacher.post('/console/classes/demo_p3_2/codes', { students: 'all' })).status).toBe(401);
    expect(await world.deps.database.db.$count(bindingCodes)).toBe(0);
  });

  describe('CSRF', () => {
    let officer: StaffAgent;
    beforeEach(async () => {
      officer = await demoOfficer(world.fetcher);
    });
    const accountForm = (username: string) => ({
      username,
      displayName: '新老师',
      role: 'class_teacher',
      password: 'new-password-1',
    });
    const accountExists = async (username: string) =>
      (await world.deps.database.db.select().from(staffAccounts).where(eq(staffAccounts.username, username)))
        .length > 0;

    it('refuses a post without _csrf or with a wrong one, and changes nothing', async () => {
      const missing = await officer.post('/console/accounts', accountForm('csrf-missing'), { csrf: null });
      expect(missing.status).toBe(403);
      expect(await missing.text()).toContain(t('zh-CN', 'console.errors.csrf'));
      const wrong = await officer.post('/console/accounts', accountForm('csrf-wrong'), {
        csrf: 'x'.repeat(43),
      });
      expect(wrong.status).toBe(403);
      const empty = await officer.post('/console/accounts', accountForm('csrf-empty'), { csrf: '' });
      expect(empty.status).toBe(403);
      // A real token, but another session's (the teacher's) is no good either.
      const teacher = await demoTeacher(world.fetcher);
      const borrowed = await officer.post('/console/accounts', accountForm('csrf-borrowed'), {
        csrf: teacher.csrf,
      });
      expect(borrowed.status).toBe(403);
      for (const name of ['csrf-missing', 'csrf-wrong', 'csrf-empty', 'csrf-borrowed'])
        expect(await accountExists(name)).toBe(false);

      // The same goes for code printing, account changes, multipart uploads and log-out.
      expect(
        (await officer.post('/console/classes/demo_p3_2/codes', { students: 'all' }, { csrf: null })).status,
      ).toBe(403);
      expect(await world.deps.database.db.$count(bindingCodes)).toBe(0);
      expect((await officer.post('/console/accounts/demo_teacher/disable', {}, { csrf: null })).status).toBe(
        403,
      );
      expect((await accountRow(world, 'demo_teacher'))?.disabled).toBe(false);
      const upload = await officer.post(
        '/console/import',
        { file: rosterCsv([['三年级二班', 'D20230298', '新同学', '新家长', '母亲', '13800000094']]) },
        { csrf: 'wrong' },
      );
      expect(upload.status).toBe(403);
      expect(await world.deps.database.db.$count(rosterImports)).toBe(0);
      expect((await officer.post('/console/logout', {}, { csrf: null })).status).toBe(403);
      expect((await officer.get('/console')).status).toBe(200);

      // With the token the same post works (the check is not just refusing everything).
      expect((await officer.post('/console/accounts', accountForm('csrf-ok'))).status).toBe(200);
      expect(await accountExists('csrf-ok')).toBe(true);
    });

    it('refuses a post from another origin, or without an Origin, even with the right token', async () => {
      const foreign = await officer.post('/console/accounts', accountForm('csrf-foreign'), {
        origin: 'https://evil.example',
      });
      expect(foreign.status).toBe(403);
      const lookalike = await officer.post('/console/accounts', accountForm('csrf-lookalike'), {
        origin: 'http://localhost.evil.example',
      });
      expect(lookalike.status).toBe(403);
      const opaque = await officer.post('/console/accounts', accountForm('csrf-null'), { origin: 'null' });
      expect(opaque.status).toBe(403);
      const none = await officer.post('/console/accounts', accountForm('csrf-none'), { origin: null });
      expect(none.status).toBe(403);
      const crossSite = await officer.post('/console/accounts', accountForm('csrf-cross'), {
        origin: null,
        headers: { 'sec-fetch-site': 'cross-site' },
      });
      expect(crossSite.status).toBe(403);
      for (const name of ['csrf-foreign', 'csrf-lookalike', 'csrf-null', 'csrf-none', 'csrf-cross'])
        expect(await accountExists(name)).toBe(false);
      // Log-in forms are protected as well (no logging a victim into an attacker's account).
      const login = await new StaffAgent(world.fetcher).post(
        '/console/login',
        { username: 'demo-teacher', password: DEMO_PASSWORD },
        { origin: 'https://evil.example' },
      );
      expect(login.status).toBe(403);
      expect(login.headers.get('set-cookie') ?? '').not.toContain('mb_session');
    });
  });

  it('log-out ends the session on the server, not just in the browser', async () => {
    const teacher = await demoTeacher(world.fetcher);
    const stolen = teacher.cookie;
    expect(await sessionsOf('demo_teacher')).toHaveLength(1);
    const out = await teacher.post('/console/logout');
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/console/login');
    expect(out.headers.get('set-cookie') ?? '').toMatch(/mb_session=;/);
    expect(await sessionsOf('demo_teacher')).toHaveLength(0);
    // Replaying the old cookie does not work.
    const replay = new StaffAgent(world.fetcher);
    replay.cookie = stolen;
    await expectLoggedOut(replay);
    const [entry] = await auditRows(world, 'auth.logout');
    expect(entry).toMatchObject({ actorType: 'staff', actorId: 'demo_teacher' });
  });

  it('log-out ends only that session', async () => {
    const laptop = await demoTeacher(world.fetcher);
    const phone = await demoTeacher(world.fetcher);
    await laptop.post('/console/logout');
    await expectLoggedOut(laptop);
    expect((await phone.get('/console')).status).toBe(200);
  });

  describe('audit page', () => {
    const rowsOf = (html: string) =>
      [...html.matchAll(/<tr data-action="([^"]+)"><td[^>]*>([^<]+)<\/td><td[^>]*>([^<]*)<\/td>/g)].map(
        (match) => ({
          action: match[1]!,
          at: match[2]!,
          actor: match[3]!,
        }),
      );

    it('filters by action prefix, actor and date, and is closed to class teachers', async () => {
      // Day 1 (2026-09-01): the teacher logs in and looks at the class; a wrong password for the officer.
      const teacher = await demoTeacher(world.fetcher);
      await teacher.get('/console/classes/demo_p3_2');
      await new StaffAgent(world.fetcher).logIn('demo-officer', 'wrong-password');
      // Day 2: the officer logs in and prints codes.
      world.clock.advance(24 * HOUR);
      const officer = await demoOfficer(world.fetcher);
      await officer.post('/console/classes/demo_p3_2/codes', { students: 'all' });

      const all = rowsOf(await (await officer.get('/console/audit')).text());
      expect(new Set(all.map((row) => row.action))).toEqual(
        new Set(['auth.login', 'auth.login_failed', 'class.view', 'binding_code.issue']),
      );

      const auth = rowsOf(await (await officer.get('/console/audit?action=auth.')).text());
      expect(auth.length).toBe(3);
      expect(auth.every((row) => row.action.startsWith('auth.'))).toBe(true);

      const byTeacher = rowsOf(await (await officer.get('/console/audit?actor=demo_teacher')).text());
      expect(byTeacher.map((row) => row.action).sort()).toEqual(['auth.login', 'class.view']);
      expect(byTeacher.every((row) => row.actor === '周老师（演示班主任）')).toBe(true);

      const day2 = rowsOf(await (await officer.get('/console/audit?from=2026-09-02&to=2026-09-02')).text());
      expect(day2.map((row) => row.action).sort()).toEqual(['auth.login', 'binding_code.issue']);
      expect(day2.every((row) => row.at.startsWith('2026-09-02'))).toBe(true);
      const day1 = rowsOf(await (await officer.get('/console/audit?to=2026-09-01')).text());
      expect(day1.map((row) => row.action).sort()).toEqual(['auth.login', 'auth.login_failed', 'class.view']);

      const combined = rowsOf(
        await (await officer.get('/console/audit?action=auth.&actor=demo_officer&from=2026-09-02')).text(),
      );
      expect(combined.map((row) => row.action)).toEqual(['auth.login']);

      // A class teacher may not read the log at all (a new session: the day-1 one has expired).
      const denied = await (await demoTeacher(world.fetcher)).get('/console/audit');
      expect(denied.status).toBe(403);
      const html = await denied.text();
      expect(html).not.toContain('id="audit"');
      expect(html).not.toContain('auth.login');
      const teacher2 = await staffAgent(world.fetcher, EXTRA_STAFF.teacher2.username);
      expect((await teacher2.get('/console/audit?action=auth.')).status).toBe(403);
    });

    it('does not let a filter reach outside the school', async () => {
      const officerJ = await staffAgent(world.fetcher, EXTRA_STAFF.officerJunior.username);
      await demoTeacher(world.fetcher);
      // Filters only narrow the school's own rows: naming a primary-school actor finds nothing.
      const html = await (await officerJ.get('/console/audit?actor=demo_teacher')).text();
      expect(rowsOf(html)).toEqual([]);
      const wildcard = await (await officerJ.get('/console/audit?action=%25')).text();
      expect(rowsOf(wildcard).every((row) => !row.actor.includes('周老师'))).toBe(true);
    });
  });
});
