import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { staffApiTokens } from '../../src/db/schema.js';
import { sha256Hex } from '../../src/util/ids.js';
import {
  auditRows,
  demoOfficer,
  demoTeacher,
  makeSecurityWorld,
  type SecurityWorld,
  StaffAgent,
  staffAgent,
  VICTIMS,
} from '../support/security-fixtures.js';
import { makeApiToken, staffApiClient } from '../support/staff-api-client.js';

describe('staff API tokens', () => {
  let world: SecurityWorld;
  beforeEach(async () => {
    world = await makeSecurityWorld();
  });
  afterEach(() => world.harness.close());

  const tokenRows = () => world.deps.database.db.select().from(staffApiTokens);
  const me = (token: string) => staffApiClient(world.fetcher, token).get('/api/staff/me');

  it('is shown once, stored only as a hash, acts as its owner, and its making is audited', async () => {
    const teacher = await demoTeacher(world.fetcher);
    const token = await makeApiToken(teacher, '学期统计表');
    expect(token).toMatch(/^mbst_[A-Za-z0-9_-]{43}$/);
    const [row] = await tokenRows();
    expect(row!.tokenHash).toBe(await sha256Hex(token));
    expect(JSON.stringify(row)).not.toContain(token.slice(5));
    // The list shows its label and first characters, never the token again.
    const list = await (await teacher.get('/console/api-tokens')).text();
    expect(list).toContain('学期统计表');
    expect(list).toContain(`${token.slice(0, 9)}…`);
    expect(list).not.toContain(token);

    const response = await me(token);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      username: 'demo-teacher',
      role: 'class_teacher',
      classIds: ['demo_p3_2'],
    });
    const [made] = await auditRows(world, 'api_token.create');
    expect(made).toMatchObject({ actorType: 'staff', targetId: row!.id });
    expect(made!.details).not.toContain(token.slice(5));
    expect((await tokenRows())[0]!.lastUsedAt).toBe(world.clock.now());
  });

  it('sees exactly what its owner sees in the console', async () => {
    const teacher = staffApiClient(world.fetcher, await makeApiToken(await demoTeacher(world.fetcher)));
    const officer = staffApiClient(world.fetcher, await makeApiToken(await demoOfficer(world.fetcher)));
    const ids = async (client: typeof teacher) =>
      ((await (await client.get('/api/staff/classes')).json()) as { classes: { id: string }[] }).classes
        .map((each) => each.id)
        .sort();
    expect(await ids(teacher)).toEqual(['demo_p3_2']);
    expect(await ids(officer)).toEqual(['demo_p3_2', 'demo_p5_1']);
  });

  it('is refused once revoked, expired, when the role changes or the account is disabled', async () => {
    const teacher = await demoTeacher(world.fetcher);
    const revoked = await makeApiToken(teacher, 'to revoke');
    const shortLived = await makeApiToken(teacher, 'short', '30');
    const [revokedRow] = (await tokenRows()).filter((row) => row.label === 'to revoke');
    expect((await teacher.post(`/console/api-tokens/${revokedRow!.id}/revoke`)).status).toBe(303);
    const refused = await me(revoked);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { code: 'invalid_token' } });
    expect(await auditRows(world, 'api_token.revoke')).toHaveLength(1);
    // Revoking again, or someone else's token, finds nothing.
    expect((await teacher.post(`/console/api-tokens/${revokedRow!.id}/revoke`)).status).toBe(404);

    expect((await me(shortLived)).status).toBe(200);
    world.clock.advance(30 * 24 * 60 * 60_000 + 1);
    expect((await me(shortLived)).status).toBe(401);

    // A token made under one role never acts under another, nor for a disabled account.
    const victim = await staffAgent(world.fetcher, VICTIMS.primaryRole.username);
    const victimToken = await makeApiToken(victim);
    expect((await me(victimToken)).status).toBe(200);
    const officer = await demoOfficer(world.fetcher);
    await officer.get('/console/accounts');
    const changed = await officer.post(`/console/accounts/${VICTIMS.primaryRole.id}/role`, {
      role: 'school_leader',
    });
    expect(changed.status).toBe(200);
    expect(await changed.text()).toContain('banner good');
    expect((await me(victimToken)).status).toBe(401);
    const disabledToken = await makeApiToken(
      await staffAgent(world.fetcher, VICTIMS.primaryDisable.username),
    );
    expect((await me(disabledToken)).status).toBe(200);
    // Disabling asks first: only the confirmed post disables.
    await officer.post(`/console/accounts/${VICTIMS.primaryDisable.id}/disable`, { confirm: 'yes' });
    expect((await me(disabledToken)).status).toBe(401);
  });

  it('takes only the bearer token: no console cookie on the API, no API token as a console session', async () => {
    const teacher = await demoTeacher(world.fetcher);
    const token = await makeApiToken(teacher);
    const withCookie = await teacher.request('/api/staff/me');
    expect(withCookie.status).toBe(401);
    expect(await withCookie.json()).toMatchObject({ error: { code: 'missing_token' } });
    const asCookie = new StaffAgent(world.fetcher);
    asCookie.cookie = `mb_session=${token}`;
    expect((await asCookie.get('/console')).status).toBe(302);
    for (const header of ['Bearer nonsense', `Basic ${token}`, `Bearer ${token}x`, 'Bearer ']) {
      const response = await world.fetcher('/api/staff/me', { headers: { authorization: header } });
      expect(response.status, header).toBe(401);
    }
  });

  it('caps open tokens per person, even when many are made at once', async () => {
    const teacher = await demoTeacher(world.fetcher);
    await teacher.get('/console/api-tokens');
    const responses = await Promise.all(
      Array.from({ length: 14 }, (_, index) =>
        teacher.post('/console/api-tokens', { label: `t${index}`, days: '90' }),
      ),
    );
    expect(responses.filter((response) => response.status === 200)).toHaveLength(10);
    expect(responses.filter((response) => response.status === 409)).toHaveLength(4);
    expect(await tokenRows()).toHaveLength(10);
    expect(await auditRows(world, 'api_token.create')).toHaveLength(10);
    // Bad forms change nothing.
    expect((await teacher.post('/console/api-tokens', { label: '', days: '90' })).status).toBe(400);
    expect((await teacher.post('/console/api-tokens', { label: 'x', days: '7' })).status).toBe(400);
  });
});
