import { and, eq, isNull, lt } from 'drizzle-orm';
import { auditStatement } from '../audit/audit-log.js';
import type { StaffActor } from '../auth/staff-actor.js';
import { applications, classes, publicityEntries, publicityLists, students } from '../db/schema.js';
import { isWriteConflict } from '../db/write-guard.js';
import type { AppDeps, AtomicStatement, DispatchedJob } from '../platform/ports.js';
import { newId, newSecret } from '../util/ids.js';
import { maskName } from '../util/mask.js';
import { canRunAwards } from './application-access.js';
import { applicationSettingsOf } from './application-settings.js';
import { programmeName } from './programme-name.js';
import { publicityEndsAt } from './publicity-period.js';
import { moveStatements } from './transition-application.js';

export type PublishResult =
  | { ok: true; listId: string; token: string; count: number; endsAt: number }
  | { ok: false; reason: 'forbidden' | 'nothing_to_publish' | 'conflict' };

/**
 * The school officer publishes every principal-approved application as one 公示 list. Each line is a copy of
 * the masked name, the class, the programme and the 档次, nothing else, so the public page can never show more.
 * The list, its lines and every application's move to 公示 are one atomic write.
 */
export async function publishPublicity(
  deps: AppDeps,
  actor: StaffActor,
  input: { title: string; workingDays?: number },
  ip: string | null,
): Promise<PublishResult> {
  const schoolId = actor.schoolId;
  if (!schoolId || !canRunAwards(actor, schoolId)) return { ok: false, reason: 'forbidden' };
  const { db } = deps.database;
  const rows = await db
    .select({ application: applications, studentName: students.name, className: classes.name })
    .from(applications)
    .innerJoin(students, eq(students.id, applications.studentId))
    .innerJoin(classes, eq(classes.id, applications.classId))
    .where(and(eq(applications.schoolId, schoolId), eq(applications.status, 'principal_approved')))
    .orderBy(classes.name, students.studentNumber);
  if (rows.length === 0) return { ok: false, reason: 'nothing_to_publish' };
  const settings = await applicationSettingsOf(deps, schoolId);
  const workingDays = Math.max(5, input.workingDays ?? settings.publicityWorkingDays);
  const now = deps.clock.now();
  const listId = newId('pl_');
  const token = newSecret();
  const endsAt = publicityEndsAt(now, workingDays, deps.config.TIME_ZONE);
  const statements: AtomicStatement[] = [
    db.insert(publicityLists).values({
      id: listId,
      schoolId,
      title: input.title,
      token,
      workingDays,
      startsAt: now,
      endsAt,
      reportPhone: settings.reportPhone,
      createdBy: actor.id,
      createdAt: now,
    }),
  ];
  const dispatched: DispatchedJob[] = [];
  let position = 0;
  for (const { application, studentName, className } of rows) {
    statements.push(
      db.insert(publicityEntries).values({
        listId,
        applicationId: application.id,
        maskedName: maskName(studentName),
        className,
        programmeName: await programmeName(
          deps,
          application.catalogId,
          application.programmeId,
          deps.config.DEFAULT_LOCALE,
        ),
        tier: application.tier ?? '',
        position: position++,
      }),
    );
    const move = await moveStatements(
      deps,
      application,
      'publicised',
      {},
      {
        action: 'publicise',
        actorType: 'staff',
        actorId: actor.id,
        role: actor.role,
        comment: null,
        ip,
        reason: null,
      },
    );
    statements.push(...move.statements);
    dispatched.push(...move.dispatched);
  }
  statements.push(
    auditStatement(deps, {
      actorType: 'staff',
      actorId: actor.id,
      action: 'publicity.publish',
      targetType: 'publicity_list',
      targetId: listId,
      schoolId,
      details: { count: rows.length, workingDays, endsAt: new Date(endsAt).toISOString() },
      ip,
    }),
  );
  try {
    await deps.database.atomic(statements);
  } catch (error) {
    if (isWriteConflict(error)) return { ok: false, reason: 'conflict' };
    throw error;
  }
  await deps.queue.dispatch(dispatched);
  return { ok: true, listId, token, count: rows.length, endsAt };
}

/** The scheduled take-down: every list whose period is over is marked down (the page already refuses it). */
export async function takeDownEndedLists(deps: AppDeps): Promise<number> {
  const now = deps.clock.now();
  const { db } = deps.database;
  const ended = await db
    .select({ id: publicityLists.id, schoolId: publicityLists.schoolId })
    .from(publicityLists)
    .where(and(lt(publicityLists.endsAt, now), isNull(publicityLists.takenDownAt)));
  for (const list of ended) {
    await deps.database.atomic([
      db
        .update(publicityLists)
        .set({ takenDownAt: now })
        .where(and(eq(publicityLists.id, list.id), isNull(publicityLists.takenDownAt))),
      auditStatement(deps, {
        actorType: 'system',
        action: 'publicity.take_down',
        targetType: 'publicity_list',
        targetId: list.id,
        schoolId: list.schoolId,
      }),
    ]);
  }
  return ended.length;
}
