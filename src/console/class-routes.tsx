import { and, asc, eq, gt, inArray, isNull } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { audit } from '../audit/audit-log.js';
import { canManageClass, canViewClass } from '../auth/permissions.js';
import { revokeBindingCodes } from '../binding/binding-service.js';
import { bindingCodes, guardianBindings, guardians, studentGuardians, students } from '../db/schema.js';
import { clientIp } from '../http/client-ip.js';
import type { AppDeps } from '../platform/ports.js';
import { type BindingProgress, bindingProgress } from '../slips/index.js';
import { maskPhone } from '../util/mask.js';
import { type ClassRow, loadClass, visibleClasses } from './class-scope.js';
import type { ConsoleEnv } from './console-env.js';
import { forbidden, notFound } from './denied-page.js';
import { CsrfField, Layout } from './layout.js';

/** Home (the classes one may see, with binding progress) and a class's roster with binding status. */
export function classRoutes(deps: AppDeps) {
  const routes = new Hono<ConsoleEnv>();

  routes.get('/', async (c) => {
    const actor = c.get('actor')!;
    const t = c.get('t');
    const rows = await visibleClasses(deps, actor);
    const progress = await bindingProgress(deps, actor);
    return c.html(
      <Layout
        t={t}
        locale={c.get('locale')}
        inboxUnread={c.get('inboxUnread')}
        actor={actor}
        title={t('console.classes.title')}
      >
        {rows.length === 0 ? (
          <p class="muted">{t('console.classes.none')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>{t('console.classes.school')}</th>
                <th>{t('console.classes.class')}</th>
                <th>{t('console.classes.term')}</th>
                <th>{t('slips.progress')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr>
                  <td data-label={t('console.classes.school')}>{row.schoolName}</td>
                  <td data-label={t('console.classes.class')} class="name">
                    <a href={`/console/classes/${row.id}`}>{row.name}</a>
                  </td>
                  <td data-label={t('console.classes.term')}>
                    {row.schoolYear} {t(`console.term.${row.term}`)}
                  </td>
                  <td data-label={t('slips.progress')} data-progress={row.id}>
                    <ProgressCell t={t} progress={progress.get(row.id) ?? { bound: 0, total: 0 }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Layout>,
    );
  });

  const classFor = async (c: Context<ConsoleEnv>, check: typeof canViewClass) => {
    const found = await loadClass(deps, c.req.param('classId') ?? '');
    if (!found) return { response: notFound(c) };
    if (!check(c.get('actor')!, found)) return { response: forbidden(c) };
    return { found };
  };

  routes.get('/classes/:classId', async (c) => {
    const { found, response } = await classFor(c, canViewClass);
    if (!found) return response;
    const actor = c.get('actor')!;
    const roster = await loadRoster(deps, found.id);
    // Looking at a class roster is looking at children's records: logged.
    await audit(deps, {
      actorType: 'staff',
      actorId: actor.id,
      action: 'class.view',
      targetType: 'class',
      targetId: found.id,
      schoolId: found.schoolId,
      ip: clientIp(c),
    });
    return c.html(<ClassPage c={c} row={found} roster={roster} canManage={canManageClass(actor, found)} />);
  });

  routes.post('/classes/:classId/students/:studentId/revoke-code', async (c) => {
    const { found, response } = await classFor(c, canManageClass);
    if (!found) return response;
    const studentId = c.req.param('studentId');
    const [student] = await deps.database.db
      .select({ id: students.id })
      .from(students)
      .where(and(eq(students.id, studentId), eq(students.classId, found.id)));
    if (!student) return notFound(c);
    await deps.database.atomic([revokeBindingCodes(deps, student.id)]);
    await audit(deps, {
      actorType: 'staff',
      actorId: c.get('actor')!.id,
      action: 'binding_code.revoke',
      targetType: 'student',
      targetId: student.id,
      schoolId: found.schoolId,
      ip: clientIp(c),
    });
    return c.redirect(`/console/classes/${found.id}`, 303);
  });

  return routes;
}

interface RosterStudent {
  id: string;
  studentNumber: string;
  name: string;
  guardians: { id: string; name: string; relation: string; phone: string | null; bound: boolean }[];
  /** Active bindings, including people who bound without matching a roster guardian. */
  bindings: { relation: string; guardianId: string | null }[];
  openCodeExpiresAt: number | null;
}

async function loadRoster(deps: AppDeps, classId: string): Promise<RosterStudent[]> {
  const { db } = deps.database;
  const pupils = await db
    .select()
    .from(students)
    .where(eq(students.classId, classId))
    .orderBy(asc(students.studentNumber));
  if (pupils.length === 0) return [];
  // A subquery, not a list of ids: a class of 300 would pass D1's 100-parameter limit.
  const ids = db.select({ id: students.id }).from(students).where(eq(students.classId, classId));
  const [links, bindings, codes] = await Promise.all([
    db
      .select({
        studentId: studentGuardians.studentId,
        relation: studentGuardians.relation,
        guardian: guardians,
      })
      .from(studentGuardians)
      .innerJoin(guardians, eq(guardians.id, studentGuardians.guardianId))
      .where(inArray(studentGuardians.studentId, ids)),
    db
      .select()
      .from(guardianBindings)
      .where(and(inArray(guardianBindings.studentId, ids), isNull(guardianBindings.revokedAt))),
    db
      .select()
      .from(bindingCodes)
      .where(
        and(
          inArray(bindingCodes.studentId, ids),
          isNull(bindingCodes.usedAt),
          isNull(bindingCodes.revokedAt),
          gt(bindingCodes.expiresAt, deps.clock.now()),
        ),
      ),
  ]);
  return pupils.map((pupil) => {
    const own = bindings.filter((binding) => binding.studentId === pupil.id);
    return {
      id: pupil.id,
      studentNumber: pupil.studentNumber,
      name: pupil.name,
      guardians: links
        .filter((link) => link.studentId === pupil.id)
        .map((link) => ({
          id: link.guardian.id,
          name: link.guardian.name,
          relation: link.relation,
          phone: link.guardian.phone,
          bound: own.some((binding) => binding.guardianId === link.guardian.id),
        })),
      bindings: own.map((binding) => ({ relation: binding.relation, guardianId: binding.guardianId })),
      openCodeExpiresAt: codes.find((code) => code.studentId === pupil.id)?.expiresAt ?? null,
    };
  });
}

function ClassPage({
  c,
  row,
  roster,
  canManage,
}: {
  c: Context<ConsoleEnv>;
  row: ClassRow;
  roster: RosterStudent[];
  canManage: boolean;
}) {
  const t = c.get('t');
  const actor = c.get('actor')!;
  const boundCount = roster.filter((student) => student.bindings.length > 0).length;
  return (
    <Layout
      t={t}
      locale={c.get('locale')}
      inboxUnread={c.get('inboxUnread')}
      actor={actor}
      title={`${row.schoolName} · ${row.name}`}
    >
      <p>{t('console.class.summary', { students: roster.length, bound: boundCount })}</p>
      {canManage && (
        <form method="post" action={`/console/classes/${row.id}/codes`} class="card" id="print-slips">
          <CsrfField actor={actor} />
          <label for="students">{t('console.class.codes_for')}</label>
          <select id="students" name="students">
            <option value="missing">{t('slips.which.missing')}</option>
            <option value="chosen">{t('slips.which.chosen')}</option>
            <option value="unbound">{t('slips.which.unbound')}</option>
            <option value="all">{t('slips.which.all')}</option>
          </select>{' '}
          <button type="submit">{t('console.class.print_codes')}</button>
          <p class="muted">{t('slips.which.hint')}</p>
        </form>
      )}
      <table>
        <thead>
          <tr>
            {canManage && <th>{t('slips.pick')}</th>}
            <th>{t('console.class.number')}</th>
            <th>{t('console.class.student')}</th>
            <th>{t('console.class.guardians')}</th>
            <th>{t('console.class.binding')}</th>
            <th>{t('console.class.code')}</th>
          </tr>
        </thead>
        <tbody>
          {roster.map((student) => {
            const extra = student.bindings.filter((binding) => binding.guardianId === null);
            return (
              <tr data-student={student.id}>
                {canManage && (
                  <td data-label={t('slips.pick')}>
                    <input
                      type="checkbox"
                      name="student"
                      value={student.id}
                      form="print-slips"
                      aria-label={t('slips.pick_student', { name: student.name })}
                    />
                  </td>
                )}
                <td data-label={t('console.class.number')}>{student.studentNumber}</td>
                <td data-label={t('console.class.student')} class="name">
                  {student.name}
                </td>
                <td data-label={t('console.class.guardians')}>
                  {student.guardians.map((guardian) => (
                    <div data-guardian={guardian.id}>
                      {guardian.name}（{t(`relation.${guardian.relation}`)}）{maskPhone(guardian.phone)}{' '}
                      {guardian.bound ? (
                        <span class="ok">{t('console.class.bound')}</span>
                      ) : (
                        <span class="warn">{t('console.class.not_bound')}</span>
                      )}
                    </div>
                  ))}
                </td>
                <td data-label={t('console.class.binding')}>
                  {student.bindings.length === 0 ? (
                    <span class="warn">{t('console.class.not_bound')}</span>
                  ) : (
                    <span class="ok">
                      {t('console.class.bound_count', { count: student.bindings.length })}
                    </span>
                  )}
                  {extra.map((binding) => (
                    <div class="muted">
                      {t('console.class.bound_other', { relation: t(`relation.${binding.relation}`) })}
                    </div>
                  ))}
                </td>
                <td data-label={t('console.class.code')}>
                  {canManage && (
                    <form class="inline" method="post" action={`/console/classes/${row.id}/codes`}>
                      <CsrfField actor={actor} />
                      <input type="hidden" name="students" value={student.id} />
                      <button type="submit" class="secondary" data-reprint={student.id}>
                        {t(student.openCodeExpiresAt === null ? 'slips.print_one' : 'slips.reprint_one')}
                      </button>{' '}
                    </form>
                  )}
                  {student.openCodeExpiresAt === null ? (
                    <span class="muted">—</span>
                  ) : (
                    <span>
                      {t('console.class.code_open', {
                        expires: new Date(student.openCodeExpiresAt).toISOString().slice(0, 10),
                      })}
                      {canManage && (
                        <form
                          class="inline"
                          method="post"
                          action={`/console/classes/${row.id}/students/${student.id}/revoke-code`}
                        >
                          <CsrfField actor={actor} />{' '}
                          <button type="submit" class="secondary">
                            {t('console.class.revoke')}
                          </button>
                        </form>
                      )}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Layout>
  );
}

function ProgressCell({
  t,
  progress,
}: {
  t: (key: string, params?: Record<string, number>) => string;
  progress: BindingProgress;
}) {
  const percent = progress.total === 0 ? 0 : Math.round((progress.bound / progress.total) * 100);
  return (
    <span class="progress">
      <span>{t('slips.progress_value', { bound: progress.bound, total: progress.total })}</span>
      <span class="bar" aria-hidden="true">
        <span style={`width:${percent}%`} />
      </span>
    </span>
  );
}
