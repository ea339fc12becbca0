import { and, eq, isNull } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { auditStatement } from '../audit/audit-log.js';
import type { ConsoleEnv } from '../console/console-env.js';
import { notFound } from '../console/denied-page.js';
import {
  type FieldErrors,
  type FieldValues,
  fieldErrorsOf,
  SelectField,
  TextField,
  typedValues,
} from '../console/form-fields.js';
import { CsrfField, Layout } from '../console/layout.js';
import { ListTools, matchesQuery, searchQuery } from '../console/list-tools.js';
import { classes, schoolTerms } from '../db/schema.js';
import { tableDownload } from '../export/index.js';
import { clientIp } from '../http/client-ip.js';
import type { Translate } from '../i18n/index.js';
import type { AppDeps } from '../platform/ports.js';
import { newId } from '../util/ids.js';
import { AdminTabs } from './admin-tabs.js';
import { classFieldsSchema, classProblemKey } from './class-fields.js';
import { type AdminClassRow, schoolClasses } from './class-queries.js';
import { gradeKey, gradesOf } from './grades.js';
import { administeredSchool, type SchoolRow } from './school-of.js';
import { todayInChina } from './term-fields.js';
import { termLabel, termsOf } from './term-routes.js';

type Term = typeof schoolTerms.$inferSelect;

/** Classes: list with search and export, create, rename / change grade or term, archive and restore. */
export function classAdminRoutes(deps: AppDeps) {
  const routes = new Hono<ConsoleEnv>();
  const { db } = deps.database;

  const listed = async (c: Context<ConsoleEnv>, school: SchoolRow) => {
    const query = searchQuery(c.req.query('q'));
    const archived = c.req.query('archived') === '1';
    const rows = (await schoolClasses(deps, school.id, { archived })).filter((row) =>
      matchesQuery(query, row.name, ...row.teachers.map((teacher) => teacher.displayName)),
    );
    return { query, archived, rows };
  };

  const renderList = async (
    c: Context<ConsoleEnv>,
    school: SchoolRow,
    form?: { values: FieldValues; errors: FieldErrors },
    status: 200 | 400 | 409 = 200,
  ) => {
    const { query, archived, rows } = await listed(c, school);
    const terms = await termsOf(deps, school.id);
    return c.html(
      <ClassesPage
        c={c}
        school={school}
        rows={rows}
        terms={terms}
        query={query}
        archived={archived}
        today={todayInChina(deps.clock.now())}
        form={form}
      />,
      status,
    );
  };

  routes.get('/', async (c) => renderList(c, (await administeredSchool(deps, c))!));

  for (const format of ['csv', 'xlsx'] as const) {
    routes.get(`/export.${format}`, async (c) => {
      const school = (await administeredSchool(deps, c))!;
      const t = c.get('t');
      const { rows } = await listed(c, school);
      return tableDownload(c, format, t('admin.classes.export_name', { school: school.name }), [
        [
          t('admin.classes.name'),
          t('admin.classes.grade'),
          t('admin.classes.term'),
          t('admin.classes.teachers'),
          t('admin.classes.students'),
          t('admin.classes.state'),
        ],
        ...rows.map((row) => [
          row.name,
          t(gradeKey(school.stage, row.grade)),
          termLabel(t, row),
          row.teachers.map((teacher) => teacher.displayName).join('、'),
          String(row.students),
          row.archivedAt === null ? t('admin.classes.active') : t('admin.classes.archived'),
        ]),
      ]);
    });
  }

  /** The typed class, checked against the school's grades, terms and other class names. */
  const readClass = async (c: Context<ConsoleEnv>, school: SchoolRow, exceptId?: string) => {
    const t = c.get('t');
    const body = await c.req.parseBody();
    const values = typedValues(body);
    const parsed = classFieldsSchema.safeParse(body);
    if (!parsed.success)
      return { values, errors: fieldErrorsOf(parsed.error, (field) => t(classProblemKey(field))) };
    if (!gradesOf(school.stage).includes(parsed.data.grade))
      return { values, errors: { grade: t('admin.classes.errors.grade') } };
    const [term] = await db
      .select()
      .from(schoolTerms)
      .where(and(eq(schoolTerms.id, parsed.data.termId), eq(schoolTerms.schoolId, school.id)));
    if (!term) return { values, errors: { termId: t('admin.classes.errors.term') } };
    const [same] = await db
      .select({ id: classes.id })
      .from(classes)
      .where(
        and(
          eq(classes.schoolId, school.id),
          eq(classes.schoolYear, term.schoolYear),
          eq(classes.name, parsed.data.className),
        ),
      );
    if (same && same.id !== exceptId)
      return { values, errors: { className: t('admin.classes.errors.taken', { year: term.schoolYear }) } };
    return { values, fields: { name: parsed.data.className, grade: parsed.data.grade, term } };
  };

  routes.post('/', async (c) => {
    const school = (await administeredSchool(deps, c))!;
    const read = await readClass(c, school);
    if (!read.fields) return renderList(c, school, { values: read.values, errors: read.errors ?? {} }, 400);
    const { name, grade, term } = read.fields;
    const id = newId('cls_');
    await deps.database.atomic([
      db.insert(classes).values({
        id,
        schoolId: school.id,
        name,
        grade,
        schoolYear: term.schoolYear,
        term: term.term,
        createdAt: deps.clock.now(),
      }),
      auditStatement(deps, {
        actorType: 'staff',
        actorId: c.get('actor')!.id,
        action: 'class.create',
        targetType: 'class',
        targetId: id,
        schoolId: school.id,
        details: { className: name, grade, schoolYear: term.schoolYear, term: term.term },
        ip: clientIp(c),
      }),
    ]);
    return c.redirect(`/console/admin/classes?created=${encodeURIComponent(id)}`, 303);
  });

  const classFor = async (c: Context<ConsoleEnv>, school: SchoolRow) => {
    const [row] = await db
      .select()
      .from(classes)
      .where(and(eq(classes.id, c.req.param('classId') ?? ''), eq(classes.schoolId, school.id)));
    return row ?? null;
  };

  const renderClass = async (
    c: Context<ConsoleEnv>,
    school: SchoolRow,
    row: typeof classes.$inferSelect,
    form: { values?: FieldValues; errors?: FieldErrors; message?: string } = {},
    status: 200 | 400 | 409 = 200,
  ) => {
    const terms = await termsOf(deps, school.id);
    const current = terms.find((term) => term.schoolYear === row.schoolYear && term.term === row.term);
    const all = await schoolClasses(deps, school.id, { archived: true });
    const detail = all.find((each) => each.id === row.id);
    return c.html(
      <ClassPage
        c={c}
        school={school}
        row={row}
        detail={detail}
        terms={terms}
        values={form.values ?? { className: row.name, grade: String(row.grade), termId: current?.id ?? '' }}
        errors={form.errors}
        message={form.message}
      />,
      status,
    );
  };

  routes.get('/:classId', async (c) => {
    const school = (await administeredSchool(deps, c))!;
    const row = await classFor(c, school);
    if (!row) return notFound(c);
    return renderClass(c, school, row, c.req.query('saved') ? { message: c.get('t')('forms.saved') } : {});
  });

  routes.post('/:classId', async (c) => {
    const school = (await administeredSchool(deps, c))!;
    const row = await classFor(c, school);
    if (!row) return notFound(c);
    const read = await readClass(c, school, row.id);
    if (!read.fields)
      return renderClass(c, school, row, { values: read.values, errors: read.errors ?? {} }, 400);
    const { name, grade, term } = read.fields;
    await deps.database.atomic([
      db
        .update(classes)
        .set({ name, grade, schoolYear: term.schoolYear, term: term.term })
        .where(eq(classes.id, row.id)),
      auditStatement(deps, {
        actorType: 'staff',
        actorId: c.get('actor')!.id,
        action: 'class.update',
        targetType: 'class',
        targetId: row.id,
        schoolId: school.id,
        details: {
          className: name,
          ...(row.name !== name ? { previousName: row.name } : {}),
          grade,
          schoolYear: term.schoolYear,
          term: term.term,
        },
        ip: clientIp(c),
      }),
    ]);
    return c.redirect(`/console/admin/classes/${row.id}?saved=1`, 303);
  });

  for (const [path, archive] of [
    ['archive', true],
    ['restore', false],
  ] as const) {
    routes.post(`/:classId/${path}`, async (c) => {
      const school = (await administeredSchool(deps, c))!;
      const row = await classFor(c, school);
      if (!row) return notFound(c);
      await deps.database.atomic([
        db
          .update(classes)
          .set({ archivedAt: archive ? deps.clock.now() : null })
          .where(and(eq(classes.id, row.id), archive ? isNull(classes.archivedAt) : undefined)),
        auditStatement(deps, {
          actorType: 'staff',
          actorId: c.get('actor')!.id,
          action: archive ? 'class.archive' : 'class.restore',
          targetType: 'class',
          targetId: row.id,
          schoolId: school.id,
          details: { className: row.name },
          ip: clientIp(c),
        }),
      ]);
      return c.redirect(`/console/admin/classes/${row.id}?saved=1`, 303);
    });
  }

  return routes;
}

function termOptions(t: Translate, terms: Term[]) {
  return [
    { value: '', label: '—' },
    ...[...terms].reverse().map((term) => ({ value: term.id, label: termLabel(t, term) })),
  ];
}

function gradeOptions(t: Translate, stage: string) {
  return gradesOf(stage).map((grade) => ({ value: String(grade), label: t(gradeKey(stage, grade)) }));
}

function ClassesPage({
  c,
  school,
  rows,
  terms,
  query,
  archived,
  today,
  form,
}: {
  c: Context<ConsoleEnv>;
  school: SchoolRow;
  rows: AdminClassRow[];
  terms: Term[];
  query: string;
  archived: boolean;
  today: string;
  form?: { values: FieldValues; errors: FieldErrors } | undefined;
}) {
  const t = c.get('t');
  const actor = c.get('actor')!;
  const current = terms.find((term) => term.startsOn <= today && today <= term.endsOn) ?? terms.at(-1);
  const created = c.req.query('created');
  const values = form?.values ?? { termId: current?.id ?? '', grade: String(gradesOf(school.stage)[0]) };
  return (
    <Layout
      t={t}
      locale={c.get('locale')}
      inboxUnread={c.get('inboxUnread')}
      actor={actor}
      title={`${school.name} · ${t('admin.tabs.classes')}`}
    >
      <AdminTabs t={t} current="classes" />
      {created && <p class="banner good">{t('admin.classes.created')}</p>}
      <ListTools
        t={t}
        action="/console/admin/classes"
        query={query}
        extra={archived ? { archived: '1' } : {}}
      />
      <p class="muted">
        {archived ? (
          <a href="/console/admin/classes">{t('admin.classes.hide_archived')}</a>
        ) : (
          <a href="/console/admin/classes?archived=1">{t('admin.classes.show_archived')}</a>
        )}
      </p>
      {rows.length === 0 ? (
        <p class="muted">{query ? t('forms.no_match', { query }) : t('admin.classes.none')}</p>
      ) : (
        <table class="stack" id="classes">
          <thead>
            <tr>
              <th>{t('admin.classes.name')}</th>
              <th>{t('admin.classes.grade')}</th>
              <th>{t('admin.classes.term')}</th>
              <th>{t('admin.classes.teachers')}</th>
              <th>{t('admin.classes.students')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr data-class={row.id} class={row.archivedAt !== null ? 'archived' : undefined}>
                <td data-label={t('admin.classes.name')} class="name">
                  <a href={`/console/admin/classes/${row.id}`}>{row.name}</a>
                  {row.archivedAt !== null && <span class="muted"> · {t('admin.classes.archived')}</span>}
                </td>
                <td data-label={t('admin.classes.grade')}>{t(gradeKey(school.stage, row.grade))}</td>
                <td data-label={t('admin.classes.term')}>{termLabel(t, row)}</td>
                <td data-label={t('admin.classes.teachers')}>
                  {row.teachers.length === 0 ? (
                    <span class="warn">{t('admin.classes.no_teacher')}</span>
                  ) : (
                    row.teachers.map((teacher) => teacher.displayName).join('、')
                  )}
                </td>
                <td data-label={t('admin.classes.students')}>
                  <a href={`/console/admin/students?classId=${row.id}`}>{row.students}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 id="new-class">{t('admin.classes.new')}</h2>
      {terms.length === 0 ? (
        <p class="banner">
          {t('admin.classes.need_term')} <a href="/console/admin/terms">{t('admin.tabs.terms')}</a>
        </p>
      ) : (
        <form method="post" action="/console/admin/classes" class="card narrow" novalidate>
          <CsrfField actor={actor} />
          <TextField
            name="className"
            label={t('admin.classes.name')}
            placeholder={t('admin.classes.name_example')}
            values={values}
            errors={form?.errors}
            required
          />
          <SelectField
            name="grade"
            label={t('admin.classes.grade')}
            values={values}
            errors={form?.errors}
            options={gradeOptions(t, school.stage)}
          />
          <SelectField
            name="termId"
            label={t('admin.classes.term')}
            values={values}
            errors={form?.errors}
            options={termOptions(t, terms)}
          />
          <p>
            <button type="submit">{t('admin.classes.create')}</button>
          </p>
        </form>
      )}
    </Layout>
  );
}

function ClassPage({
  c,
  school,
  row,
  detail,
  terms,
  values,
  errors,
  message,
}: {
  c: Context<ConsoleEnv>;
  school: SchoolRow;
  row: typeof classes.$inferSelect;
  detail: AdminClassRow | undefined;
  terms: Term[];
  values: FieldValues;
  errors?: FieldErrors | undefined;
  message?: string | undefined;
}) {
  const t = c.get('t');
  const actor = c.get('actor')!;
  return (
    <Layout t={t} locale={c.get('locale')} inboxUnread={c.get('inboxUnread')} actor={actor} title={row.name}>
      <AdminTabs t={t} current="classes" />
      <p>
        <a href="/console/admin/classes">{t('admin.classes.back')}</a> ·{' '}
        <a href={`/console/classes/${row.id}`}>{t('admin.classes.roster')}</a> ·{' '}
        <a href={`/console/admin/students?classId=${row.id}`}>{t('admin.students.title')}</a>
      </p>
      {message && <p class="banner good">{message}</p>}
      {row.archivedAt !== null && <p class="banner">{t('admin.classes.archived_note')}</p>}
      <p>
        {t('admin.classes.teachers')}:{' '}
        {detail && detail.teachers.length > 0 ? (
          detail.teachers.map((teacher) => (
            <>
              <a href={`/console/admin/teachers/${teacher.id}`}>{teacher.displayName}</a>{' '}
            </>
          ))
        ) : (
          <span class="warn">{t('admin.classes.no_teacher')}</span>
        )}{' '}
        · <a href="/console/admin/teachers">{t('admin.classes.assign')}</a>
      </p>
      <form method="post" action={`/console/admin/classes/${row.id}`} class="card narrow" novalidate>
        <CsrfField actor={actor} />
        <TextField
          name="className"
          label={t('admin.classes.name')}
          values={values}
          errors={errors}
          required
        />
        <SelectField
          name="grade"
          label={t('admin.classes.grade')}
          values={values}
          errors={errors}
          options={gradeOptions(t, school.stage)}
        />
        <SelectField
          name="termId"
          label={t('admin.classes.term')}
          values={values}
          errors={errors}
          options={termOptions(t, terms)}
        />
        <p>
          <button type="submit">{t('forms.save')}</button>
        </p>
      </form>
      <form
        method="post"
        action={`/console/admin/classes/${row.id}/${row.archivedAt === null ? 'archive' : 'restore'}`}
      >
        <CsrfField actor={actor} />
        <p class="muted">
          {t(row.archivedAt === null ? 'admin.classes.archive_hint' : 'admin.classes.restore_hint')}
        </p>
        <button type="submit" class="secondary">
          {t(row.archivedAt === null ? 'admin.classes.archive' : 'admin.classes.restore')}
        </button>
      </form>
    </Layout>
  );
}
