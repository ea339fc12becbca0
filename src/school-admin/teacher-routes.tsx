import { and, asc, eq, inArray } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { auditStatement } from '../audit/audit-log.js';
import type { ConsoleEnv } from '../console/console-env.js';
import { notFound } from '../console/denied-page.js';
import { CsrfField, Layout } from '../console/layout.js';
import { ListTools, matchesQuery, searchQuery } from '../console/list-tools.js';
import { staffAccounts, staffClasses } from '../db/schema.js';
import { tableDownload } from '../export/index.js';
import { clientIp } from '../http/client-ip.js';
import type { AppDeps, AtomicStatement } from '../platform/ports.js';
import { AdminTabs } from './admin-tabs.js';
import { type AdminClassRow, schoolClasses } from './class-queries.js';
import { administeredSchool, type SchoolRow } from './school-of.js';
import { termLabel } from './term-routes.js';

type Account = typeof staffAccounts.$inferSelect;

/** Which classes each class teacher has: one or more, changed at any time. */
export function teacherRoutes(deps: AppDeps) {
  const routes = new Hono<ConsoleEnv>();
  const { db } = deps.database;

  const teachersOf = (schoolId: string) =>
    db
      .select()
      .from(staffAccounts)
      .where(and(eq(staffAccounts.schoolId, schoolId), eq(staffAccounts.role, 'class_teacher')))
      .orderBy(asc(staffAccounts.displayName));

  const listed = async (c: Context<ConsoleEnv>, school: SchoolRow) => {
    const query = searchQuery(c.req.query('q'));
    const [teachers, classRows] = await Promise.all([teachersOf(school.id), schoolClasses(deps, school.id)]);
    const rows = teachers
      .map((teacher) => ({
        teacher,
        classes: classRows.filter((row) => row.teachers.some((each) => each.id === teacher.id)),
      }))
      .filter((row) =>
        matchesQuery(
          query,
          row.teacher.displayName,
          row.teacher.username,
          ...row.classes.map((each) => each.name),
        ),
      );
    return { query, rows };
  };

  routes.get('/', async (c) => {
    const school = (await administeredSchool(deps, c))!;
    const { query, rows } = await listed(c, school);
    return c.html(<TeachersPage c={c} school={school} rows={rows} query={query} />);
  });

  for (const format of ['csv', 'xlsx'] as const) {
    routes.get(`/export.${format}`, async (c) => {
      const school = (await administeredSchool(deps, c))!;
      const t = c.get('t');
      const { rows } = await listed(c, school);
      return tableDownload(c, format, t('admin.teachers.export_name', { school: school.name }), [
        [t('console.accounts.name'), t('console.accounts.username'), t('admin.teachers.classes')],
        ...rows.map((row) => [
          row.teacher.displayName,
          row.teacher.username,
          row.classes.map((each) => each.name).join('、'),
        ]),
      ]);
    });
  }

  const teacherFor = async (c: Context<ConsoleEnv>, school: SchoolRow) => {
    const [teacher] = await db
      .select()
      .from(staffAccounts)
      .where(
        and(
          eq(staffAccounts.id, c.req.param('accountId') ?? ''),
          eq(staffAccounts.schoolId, school.id),
          eq(staffAccounts.role, 'class_teacher'),
        ),
      );
    return teacher ?? null;
  };

  routes.get('/:accountId', async (c) => {
    const school = (await administeredSchool(deps, c))!;
    const teacher = await teacherFor(c, school);
    if (!teacher) return notFound(c);
    const classRows = await schoolClasses(deps, school.id);
    return c.html(
      <TeacherPage c={c} teacher={teacher} classRows={classRows} saved={c.req.query('saved') === '1'} />,
    );
  });

  routes.post('/:accountId', async (c) => {
    const school = (await administeredSchool(deps, c))!;
    const teacher = await teacherFor(c, school);
    if (!teacher) return notFound(c);
    const body = await c.req.parseBody({ all: true });
    const raw = body.classIds;
    const chosen = new Set(
      (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((v) => typeof v === 'string'),
    );
    const classRows = await schoolClasses(deps, school.id);
    const valid = classRows.filter((row) => chosen.has(row.id)).map((row) => row.id);
    const before = classRows
      .filter((row) => row.teachers.some((each) => each.id === teacher.id))
      .map((row) => row.id);
    const statements: AtomicStatement[] = [];
    const removed = before.filter((id) => !valid.includes(id));
    const added = valid.filter((id) => !before.includes(id));
    if (removed.length > 0)
      statements.push(
        db
          .delete(staffClasses)
          .where(and(eq(staffClasses.staffId, teacher.id), inArray(staffClasses.classId, removed))),
      );
    if (added.length > 0)
      statements.push(
        db
          .insert(staffClasses)
          .values(added.map((classId) => ({ staffId: teacher.id, classId })))
          .onConflictDoNothing(),
      );
    if (statements.length > 0) {
      const names = (ids: string[]) => classRows.filter((row) => ids.includes(row.id)).map((row) => row.name);
      statements.push(
        auditStatement(deps, {
          actorType: 'staff',
          actorId: c.get('actor')!.id,
          action: 'teacher.classes',
          targetType: 'staff',
          targetId: teacher.id,
          schoolId: school.id,
          details: {
            teacher: teacher.displayName,
            added: names(added).join('、'),
            removed: names(removed).join('、'),
          },
          ip: clientIp(c),
        }),
      );
      await deps.database.atomic(statements);
    }
    return c.redirect(`/console/admin/teachers/${teacher.id}?saved=1`, 303);
  });

  return routes;
}

function TeachersPage({
  c,
  school,
  rows,
  query,
}: {
  c: Context<ConsoleEnv>;
  school: SchoolRow;
  rows: { teacher: Account; classes: AdminClassRow[] }[];
  query: string;
}) {
  const t = c.get('t');
  const actor = c.get('actor')!;
  return (
    <Layout
      t={t}
      locale={c.get('locale')}
      inboxUnread={c.get('inboxUnread')}
      actor={actor}
      title={`${school.name} · ${t('admin.tabs.teachers')}`}
    >
      <AdminTabs t={t} current="teachers" />
      <ListTools t={t} action="/console/admin/teachers" query={query} />
      {rows.length === 0 ? (
        <p class="muted">
          {query ? t('forms.no_match', { query }) : t('admin.teachers.none')}{' '}
          <a href="/console/accounts#new-account">{t('console.accounts.new')}</a>
        </p>
      ) : (
        <table class="stack" id="teachers">
          <thead>
            <tr>
              <th>{t('console.accounts.name')}</th>
              <th>{t('admin.teachers.classes')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr data-teacher={row.teacher.id}>
                <td data-label={t('console.accounts.name')} class="name">
                  {row.teacher.displayName}
                  <div class="muted">{row.teacher.username}</div>
                </td>
                <td data-label={t('admin.teachers.classes')}>
                  {row.classes.length === 0 ? (
                    <span class="warn">{t('admin.teachers.no_class')}</span>
                  ) : (
                    row.classes.map((each) => each.name).join('、')
                  )}
                </td>
                <td>
                  <a class="button secondary" href={`/console/admin/teachers/${row.teacher.id}`}>
                    {t('admin.teachers.change')}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

function TeacherPage({
  c,
  teacher,
  classRows,
  saved,
}: {
  c: Context<ConsoleEnv>;
  teacher: Account;
  classRows: AdminClassRow[];
  saved: boolean;
}) {
  const t = c.get('t');
  const actor = c.get('actor')!;
  return (
    <Layout
      t={t}
      locale={c.get('locale')}
      inboxUnread={c.get('inboxUnread')}
      actor={actor}
      title={t('admin.teachers.title_for', { name: teacher.displayName })}
    >
      <AdminTabs t={t} current="teachers" />
      <p>
        <a href="/console/admin/teachers">{t('admin.teachers.back')}</a>
      </p>
      {saved && <p class="banner good">{t('forms.saved')}</p>}
      {classRows.length === 0 ? (
        <p class="banner">
          {t('admin.teachers.no_classes_yet')}{' '}
          <a href="/console/admin/classes#new-class">{t('admin.classes.new')}</a>
        </p>
      ) : (
        <form method="post" action={`/console/admin/teachers/${teacher.id}`} class="card narrow">
          <CsrfField actor={actor} />
          <fieldset>
            <legend>{t('admin.teachers.pick')}</legend>
            {classRows.map((row) => {
              const mine = row.teachers.some((each) => each.id === teacher.id);
              const others = row.teachers.filter((each) => each.id !== teacher.id);
              return (
                <label class="check">
                  <input type="checkbox" name="classIds" value={row.id} checked={mine} /> {row.name}
                  <span class="muted">
                    {' '}
                    {termLabel(t, row)}
                    {others.length > 0 &&
                      ` · ${t('admin.teachers.also', { names: others.map((each) => each.displayName).join('、') })}`}
                  </span>
                </label>
              );
            })}
          </fieldset>
          <p>
            <button type="submit">{t('forms.save')}</button>
          </p>
        </form>
      )}
    </Layout>
  );
}
