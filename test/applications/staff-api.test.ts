import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerApplicationStaffApi, tierOptions } from '../../src/applications/index.js';
import { staffActorFor } from '../../src/auth/staff-session.js';
import { getCatalog } from '../../src/policy/index.js';
import { type ApplicationWorld, CHILD_ID, makeApplicationWorld } from './application-world.js';
import { fillUntilDocuments, pledgeAndSubmit, sendPhoto } from './journey-helpers.js';

// The staff JSON API's handlers, mounted the way the lead will mount them behind bearer tokens; here the
// resolver takes a console session token, the only staff credential on this branch.
describe('the application staff API handlers', () => {
  let world: ApplicationWorld;
  let api: Hono;
  const tokens = new Map<string, string>();
  const call = (who: string, method: string, path: string, body?: unknown) =>
    api.request(`http://localhost${path}`, {
      method,
      headers: { authorization: `Session ${tokens.get(who) ?? ''}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });

  beforeAll(async () => {
    world = await makeApplicationWorld();
    const chat = world.chatOf(0);
    await fillUntilDocuments(chat);
    await sendPhoto(chat, 'progressive.jpg');
    await chat.choose('done');
    await sendPhoto(chat, 'metadata.png', 'image/png');
    await chat.choose('done');
    await pledgeAndSubmit(chat);
    for (const username of ['teacher32', 'teacher31', 'leader1', 'officer1', 'principal1']) {
      const client = await world.staffLogin(username);
      tokens.set(username, (client as unknown as { cookie: string }).cookie.replace('mb_session=', ''));
    }
    api = new Hono();
    registerApplicationStaffApi(api, world.deps, async (c) => {
      const token = c.req.header('authorization')?.replace(/^Session /, '') ?? '';
      return token ? staffActorFor(world.deps, token) : null;
    });
  }, 60_000);
  afterAll(() => world?.close());

  it('lists the queue per role, shows a masked ID, and moves the application with the same rules as the console', async () => {
    expect((await call('nobody', 'GET', '/api/staff/applications')).status).toBe(401);
    const queue = (await (await call('teacher32', 'GET', '/api/staff/applications')).json()) as {
      applications: { id: string }[];
      waiting: number;
    };
    expect(queue.waiting).toBe(1);
    const id = queue.applications[0]!.id;
    const other = (await (await call('teacher31', 'GET', '/api/staff/applications?status=all')).json()) as {
      applications: unknown[];
    };
    expect(other.applications).toHaveLength(0);
    expect((await call('teacher31', 'GET', `/api/staff/applications/${id}`)).status).toBe(404);

    const detail = await (await call('teacher32', 'GET', `/api/staff/applications/${id}`)).text();
    expect(detail).toContain('1101**********001X');
    expect(detail).not.toContain(CHILD_ID);
    expect(JSON.parse(detail).documents).toBeNull();

    expect((await call('teacher32', 'POST', `/api/staff/applications/${id}/transitions`, '{')).status).toBe(
      400,
    );
    const noReason = await call('teacher32', 'POST', `/api/staff/applications/${id}/transitions`, {
      action: 'return',
      fields: ['situation'],
    });
    expect(noReason.status).toBe(400);
    const asPrincipal = await call('principal1', 'POST', `/api/staff/applications/${id}/transitions`, {
      action: 'approve',
    });
    expect(asPrincipal.status).toBe(409);
    const approved = await call('teacher32', 'POST', `/api/staff/applications/${id}/transitions`, {
      action: 'approve',
    });
    expect(await approved.json()).toEqual({ id, from: 'submitted', to: 'teacher_approved' });

    const batch = (await (
      await call('leader1', 'POST', '/api/staff/applications/batch-approve', { ids: [id, 'app_nosuch'] })
    ).json()) as { approved: number };
    expect(batch.approved).toBe(1);

    const leaderDetail = (await (await call('leader1', 'GET', `/api/staff/applications/${id}`)).json()) as {
      documents: { url: string }[];
    };
    expect(leaderDetail.documents.length).toBe(2);
    expect(leaderDetail.documents[0]!.url).toMatch(/sig=/);

    expect(
      (await call('officer1', 'PUT', `/api/staff/applications/${id}/tier`, { tier: 'nope' })).status,
    ).toBe(400);
    expect((await call('teacher32', 'PUT', `/api/staff/applications/${id}/tier`, { tier: 'x' })).status).toBe(
      403,
    );
    const [firstTier] = tierOptions(
      getCatalog('cn-national')!,
      'compulsory_living_subsidy',
      '2026-09-01',
      'zh-CN',
    );
    const tier = await call('officer1', 'PUT', `/api/staff/applications/${id}/tier`, { tier: firstTier!.id });
    expect(tier.status).toBe(200);
    const done = await call('principal1', 'POST', `/api/staff/applications/${id}/transitions`, {
      action: 'approve',
    });
    expect(((await done.json()) as { to: string }).to).toBe('principal_approved');
  });
});
