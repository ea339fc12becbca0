import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { loadApplication, transitionApplication } from '../../src/applications/index.js';
import { hashPassword } from '../../src/auth/password.js';
import type { StaffActor } from '../../src/auth/staff-actor.js';
import { staffActorFor } from '../../src/auth/staff-session.js';
import {
  applicationDocuments,
  applications,
  applicationTransitions,
  auditLog,
  schools,
  staffAccounts,
} from '../../src/db/schema.js';
import { allText } from '../support/chat-client.js';
import { TEST_PASSWORD } from '../support/test-school.js';
import { type ApplicationWorld, makeApplicationWorld } from './application-world.js';
import { decide, fillUntilDocuments, pledgeAndSubmit, sendPhoto } from './journey-helpers.js';

/** A submitted application of family `index`, through the chat. */
async function submitted(world: ApplicationWorld, index = 0) {
  const chat = world.chatOf(index);
  await fillUntilDocuments(chat);
  await sendPhoto(chat, 'progressive.jpg');
  await chat.choose('done');
  await sendPhoto(chat, 'metadata.png', 'image/png');
  await chat.choose('done');
  await pledgeAndSubmit(chat);
  const [row] = await world.deps.database.db
    .select({ id: applications.id })
    .from(applications)
    .where(eq(applications.conversationId, world.families[index]!.conversationId));
  return { chat, id: row!.id };
}

const actorOf = async (world: ApplicationWorld, username: string): Promise<StaffActor> => {
  const client = await world.staffLogin(username);
  const cookie = (client as unknown as { cookie: string }).cookie.replace('mb_session=', '');
  const actor = await staffActorFor(world.deps, cookie);
  if (!actor) throw new Error('no actor');
  return actor;
};

const statusOf = async (world: ApplicationWorld, id: string) =>
  (await world.deps.database.db.select().from(applications).where(eq(applications.id, id)))[0]!;

describe('the review chain', () => {
  let world: ApplicationWorld;
  afterEach(() => world?.close());

  it('returned for changes: the guardian sees the reason, fixes only those fields and resubmits', {
    timeout: 60_000,
  }, async () => {
    world = await makeApplicationWorld();
    const { chat, id } = await submitted(world);
    const teacher = await world.staffLogin('teacher32');
    // A return needs a reason and the fields to fix.
    expect((await decide(teacher, id, 'return', { comment: '' })).status).toBe(400);
    expect((await decide(teacher, id, 'return', { comment: '请补充说明' })).status).toBe(400);
    const returned = await decide(teacher, id, 'return', {
      comment: '低保证照片看不清，请重新拍一张；情况说明请写一下家里的收入。',
      field_situation: 'on',
      'field_doc:subsistence_certificate': 'on',
    });
    expect(returned.status).toBe(303);
    expect((await statusOf(world, id)).status).toBe('returned');
    await world.harness.queue.drain();
    const history = JSON.stringify(await chat.history());
    expect(history).toContain('被退回');
    expect(history).toContain('低保证照片看不清');

    // The flow reopens the situation and the 低保证, nothing else (no ID number, no categories, no 户口本).
    const reopened = await chat.choose('cmd:menu').then(() => chat.choose('apply'));
    expect(allText(reopened)).toContain('学校的说明');
    expect(allText(reopened)).toContain('用您自己的话');
    const photoStep = await chat.text('家里四口人，母亲每月打零工收入约一千元，父亲生病。');
    expect(allText(photoStep)).toContain('低保证');
    expect(allText(photoStep)).not.toContain('户口本（户主页');
    await sendPhoto(chat, 'gps-orientation-6.jpg');
    const summary = await chat.choose('done');
    expect(summary.messages.some((message) => message.type === 'card')).toBe(true);
    expect(allText(await chat.choose('submit'))).toContain('已提交');
    const again = await statusOf(world, id);
    expect(again.status).toBe('submitted');
    expect(again.situation).toContain('一千元');
    // The old 低保证 photo is kept for the record but no longer current.
    const certificates = await world.deps.database.db
      .select()
      .from(applicationDocuments)
      .where(
        and(
          eq(applicationDocuments.applicationId, id),
          eq(applicationDocuments.kind, 'subsistence_certificate'),
        ),
      );
    expect(certificates).toHaveLength(2);
    expect(certificates.filter((row) => row.removedAt === null)).toHaveLength(1);
    expect((await decide(teacher, id, 'approve')).status).toBe(303);
  });

  it('rejected with a reason the guardian reads; nothing moves it afterwards', {
    timeout: 60_000,
  }, async () => {
    world = await makeApplicationWorld();
    const { chat, id } = await submitted(world);
    const teacher = await world.staffLogin('teacher32');
    await decide(teacher, id, 'approve');
    const leader = await world.staffLogin('leader1');
    expect((await decide(leader, id, 'reject', { comment: '' })).status).toBe(400);
    expect(
      (await decide(leader, id, 'reject', { comment: '经家访核实，家庭收入超过认定标准。' })).status,
    ).toBe(303);
    expect((await statusOf(world, id)).status).toBe('rejected');
    const principal = await world.staffLogin('principal1');
    expect((await decide(principal, id, 'approve')).status).toBe(409);
    await world.harness.queue.drain();
    expect(JSON.stringify(await chat.history())).toContain('家庭收入超过认定标准');
    const status = await chat.choose('cmd:menu').then(() => chat.choose('applications'));
    expect(JSON.stringify(status.messages)).toContain('未通过');
  });

  it('refuses and audits a teacher approving as principal, approving twice and another school; 20 at once move it once', {
    timeout: 60_000,
  }, async () => {
    world = await makeApplicationWorld();
    const { id } = await submitted(world);
    const { db } = world.deps.database;
    const teacher = await world.staffLogin('teacher32');
    expect((await decide(teacher, id, 'approve')).status).toBe(303);
    // Approving twice.
    const twice = await decide(teacher, id, 'approve');
    expect(twice.status).toBe(409);
    expect(twice.headers.get('x-error-code')).toBe('wrong_state');
    // A teacher taking the principal's step (the leader's stage is next: still not a teacher's).
    expect((await teacher.post(`/console/applications/${id}/transition`, { action: 'approve' })).status).toBe(
      409,
    );
    // Another class's teacher and another school's officer do not even see it.
    const otherClass = await world.staffLogin('teacher31');
    expect((await otherClass.get(`/console/applications/${id}`)).status).toBe(404);
    const passwordHash = await hashPassword(TEST_PASSWORD);
    const now = world.deps.clock.now();
    await world.deps.database.atomic([
      db.insert(schools).values({
        id: 'sch2',
        districtId: 'd1',
        name: '别的小学',
        stage: 'primary',
        ownership: 'public',
        residence: 'rural',
        createdAt: now,
      }),
      db.insert(staffAccounts).values({
        id: 'principal2',
        username: 'principal2',
        displayName: '别校校长',
        role: 'principal',
        schoolId: 'sch2',
        districtId: 'd1',
        passwordHash,
        createdAt: now,
      }),
    ]);
    const foreign = await world.staffLogin('principal2');
    const foreignTry = await foreign.post(`/console/applications/${id}/transition`, { action: 'approve' });
    expect(foreignTry.status).toBe(404);

    // The leader's step, then the principal's step taken by the wrong role.
    const leaderActor = await actorOf(world, 'leader1');
    const loaded = (await loadApplication(world.deps, id))!;
    const asTeacher = await transitionApplication(
      world.deps,
      await actorOf(world, 'teacher32'),
      { ...loaded, application: { ...loaded.application, status: 'leader_approved' } },
      { action: 'approve' },
    );
    expect(asTeacher).toEqual({ ok: false, reason: 'wrong_state' });

    // ≥ 20 leaders' approvals at once (the same person double-clicking on twenty tabs): one transition.
    const results = await Promise.all(
      Array.from({ length: 24 }, () =>
        transitionApplication(world.deps, leaderActor, loaded, { action: 'approve' }),
      ),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok && result.reason === 'conflict')).toHaveLength(23);
    const moves = await db
      .select()
      .from(applicationTransitions)
      .where(
        and(
          eq(applicationTransitions.applicationId, id),
          eq(applicationTransitions.toStatus, 'leader_approved'),
        ),
      );
    expect(moves).toHaveLength(1);
    expect((await statusOf(world, id)).status).toBe('leader_approved');

    // The principal may not approve before a 档次 is set; a teacher approving now is the wrong role.
    const principal = await world.staffLogin('principal1');
    const noTier = await decide(principal, id, 'approve');
    expect(noTier.headers.get('x-error-code')).toBe('tier_required');
    const teacherAsPrincipal = await teacher.post(`/console/applications/${id}/transition`, {
      action: 'approve',
    });
    expect(teacherAsPrincipal.headers.get('x-error-code')).toBe('wrong_state');

    const refusals = await db
      .select({ details: auditLog.details, actorId: auditLog.actorId })
      .from(auditLog)
      .where(eq(auditLog.action, 'application.transition_refused'));
    const reasons = refusals.map((row) => JSON.parse(row.details ?? '{}').reason);
    expect(reasons).toContain('wrong_state');
    expect(reasons).toContain('not_found');
    expect(reasons).toContain('conflict');
    expect(reasons).toContain('tier_required');
    expect(refusals.some((row) => row.actorId === 'principal2')).toBe(true);
    // The class teacher's role never takes the leader's step: a distinct, audited refusal.
    const wrongRole = await transitionApplication(
      world.deps,
      await actorOf(world, 'officer1'),
      (await loadApplication(world.deps, id))!,
      { action: 'approve' },
    );
    expect(wrongRole).toEqual({ ok: false, reason: 'wrong_role' });
  });
});
