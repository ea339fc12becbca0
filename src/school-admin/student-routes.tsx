import { and, eq, isNull } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { audit, auditStatement } from '../audit/audit-log.js';
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
import { classes, guardians, studentGuardians, students } from '../db/schema.js';
import { tableDownload } from '../export/index.js';
import { clientIp } from '../http/client-ip.js';
import type { Translate } from '../i18n/index.js';
import type { AppDeps } from '../platform/ports.js';
import { GUARDIAN_RELATIONS } from '../roster/index.js';
import { newId } from '../util/ids.js';
import { maskPhone } from '../util/mask.js';
import { AdminTabs } from './admin-tabs.js';
import { type AdminClassRow, schoolClasses } from './class-queries.js';
import { administeredSchool, type SchoolRow } from './school-of.js';
import {
  boardingField,
  boardingValue,
  guardianFieldsSchema,
  studentFieldsSchema,
  studentProblemKey,
} from './student-fields.js';
import { guardiansOf, type StudentListRow, schoolStudents } from './student-queries.js';

type Student = typeof students.$inferSelect;

/**
 * Students and guardians by hand: list (search, export), add, edit, move to another class, and add, change or
 * remove a guardian, for the one child who arrives mid-term without re-importing the whole roster.
 */
export function studentRoutes(deps: AppDeps) {
  const routes = new Hono<ConsoleEnv>();
  const { db } = deps.database;

  const listed = async (c: Context<ConsoleEnv>, school: SchoolRow) => {
    const query = searchQuery(c.req.query('q'));
    const classRows = await schoolClasses(deps, school.id, { archived: true });
    const classId = classRows.find((row) => row.id === c.req.query('classId'))?.id;
    const rows = (await schoolStudents(deps, school.id, classId)).filter((row) =>
      matchesQuery(
        query,
        row.name,
        row.studentNumber,
        row.className,
        ...row.guardians.map((each) => each.name),
      ),
    );
    return { query, classId, classRows, rows };
  };

  routes.get('/', async (c) => {
    const school = (await administeredSchool(deps, c))!;
    const { query, classId, classRows, rows } = await listed(c, school);
    return c.html(
      <StudentsPage
        c={c}
        school={school}
        rows={rows}
        classRows={classRows}
        classId={classId}
        query={query}
      />,
    );
  });

  for (const format of ['csv', 'xlsx'] as const) {
    routes.get(`/export.${format}`, async (c) => {
      const school = (await administeredSchool(deps, c))!;
      const t = c.get('t');
      const { rows, classId } = await listed(c, school);
      await audit(deps, {
        actorType: 'staff',
        actorId: c.get('actor')!.id,
        action: 'student.export',
        targetType: classId ? 'class' : 'school',
        targetId: classId ?? school.id,
        schoolId: school.id,
        details: { rows: rows.length, format },
        ip: clientIp(c),
      });
      // Phones are masked as on screen: an export is easily forwarded.
      return tableDownload(c, format, t('admin.students.export_name', { school: school.name }), [
        [
          t('roster.fields.className'),
          t('roster.fields.studentNumber'),
          t('roster.fields.studentName'),
          t('admin.students.boarding'),
          t('console.class.guardians'),
        ],
        ...rows.map((row) => [
          row.className,
          row.studentNumber,
          row.name,
          boardingText(t, row.boarding),
          row.guardians
            .map((each) => `${each.name}（${t(`relation.${each.relation}`)}）${maskPhone(each.phone)}`)
            .join('；'),
        ]),
      ]);
    });
  }

  /** The typed student, with the class checked to be this school's and the 学号 free. */
  const readStudent = async (c: Context<ConsoleEnv>, school: SchoolRow, exceptId?: string) => {
    const t = c.get('t');
    const body = await c.req.parseBody();
    const values = typedValues(body);
    const parsed = studentFieldsSchema.safeParse(body);
    if (!parsed.success) {
      return {
        values,
        errors: fieldErrorsOf(parsed.error, (field, issue) => t(studentProblemKey(field, issue.message))),
      };
    }
    const [target] = await db
      .select()
      .from(classes)
      .where(
        and(eq(classes.id, parsed.data.classId), eq(classes.schoolId, school.id), isNull(classes.archivedAt)),
      );
    if (!target) return { values, errors: { classId: t('admin.students.errors.class') } };
    const [same] = await db
      .select({ id: students.id, name: students.name })
      .from(students)
      .where(and(eq(students.schoolId, school.id), eq(students.studentNumber, parsed.data.studentNumber)));
    if (same && same.id !== exceptId)
      return {
        values,
        errors: { studentNumber: t('admin.students.errors.number_taken', { name: same.name }) },
      };
    return { values, fields: parsed.data, target };
  };

  routes.get('/new', async (c) => {
    const school = (await administeredSchool(deps, c))!;
    const classRows = await schoolClasses(deps, school.id);
    return c.html(
      <NewStudentPage
        c={c}
        school={school}
        classRows={classRows}
        values={{ classId: c.req.query('classId') ?? '' }}
      />,
    );
  });

  routes.post('/', async (c) => {
    const school = (await administeredSchool(deps, c))!;
    const read = await readStudent(c, school);
    if (!read.fields) {
      const classRows = await schoolClasses(deps, school.id);
      return c.html(
        <NewStudentPage
          c={c}
          school={school}
          classRows={classRows}
          values={read.values}
          errors={read.errors}
        />,
        400,
      );
    }
    const id = newId('stu_');
    const now = deps.clock.now();
    await deps.database.atomic([
      db.insert(students).values({
        id,
        schoolId: school.id,
        classId: read.target.id,
        studentNumber: read.fields.studentNumber,
        name: read.fields.studentName,
        boarding: boardingValue(read.fields.boarding),
        createdAt: now,
        updatedAt: now,
      }),
      auditStatement(deps, {
        actorType: 'staff',
        actorId: c.get('actor')!.id,
        action: 'student.create',
        targetType: 'student',
        targetId: id,
        schoolId: school.id,
        details: { className: read.target.name, studentNumber: read.fields.studentNumber },
        ip: clientIp(c),
      }),
    ]);
    return c.redirect(`/console/admin/students/${id}?saved=1`, 303);
  });

  const studentFor = async (c: Context<ConsoleEnv>, school: SchoolRow) => {
    const [row] = await db
      .select()
      .from(students)
      .where(and(eq(students.id, c.req.param('studentId') ?? ''), eq(students.schoolId, school.id)));
    return row ?? null;
  };

  const renderStudent = async (
    c: Context<ConsoleEnv>,
    school: SchoolRow,
    student: Student,
    form: { values?: FieldValues; errors?: FieldErrors; guardianForm?: string; message?: string } = {},
    status: 200 | 400 | 409 = 200,
  ) => {
    const classRows = await schoolClasses(deps, school.id, { archived: true });
    const links = (await guardiansOf(deps, [student.id])).get(student.id) ?? [];
    return c.html(
      <StudentPage
        c={c}
        school={school}
        student={student}
        classRows={classRows}
        guardians={links}
        {...form}
      />,
      status,
    );
  };

  routes.get('/:studentId', async (c) => {
    const school = (await administeredSchool(deps, c))!;
    const student = await studentFor(c, school);
    if (!student) return notFound(c);
    // Opening a child's record is logged, like opening a class roster.
    await audit(deps, {
      actorType: 'staff',
      actorId: c.get('actor')!.id,
      action: 'student.view',
      targetType: 'student',
      targetId: student.id,
      schoolId: school.id,
      ip: clientIp(c),
    });
    return renderStudent(
      c,
      school,
      student,
      c.req.query('saved') ? { message: c.get('t')('forms.saved') } : {},
    );
  });

  routes.post('/:studentId', async (c) => {
    const school = (await administeredSchool(deps, c))!;
    const student = await studentFor(c, school);
    if (!student) return notFound(c);
    const read = await readStudent(c, school, student.id);
    if (!read.fields)
      return renderStudent(
        c,
        school,
        student,
        { values: read.values, errors: read.errors ?? {}, guardianForm: 'student' },
        400,
      );
    const moved = read.target.id !== student.classId;
    const [from] = moved ? await db.select().from(classes).where(eq(classes.id, student.classId)) : [];
    await deps.database.atomic([
      db
        .update(students)
        .set({
          classId: read.target.id,
          studentNumber: read.fields.studentNumber,
          name: read.fields.studentName,
          boarding: boardingValue(read.fields.boarding),
          updatedAt: deps.clock.now(),
        })
        .where(eq(students.id, student.id)),
      auditStatement(deps, {
        actorType: 'staff',
        actorId: c.get('actor')!.id,
        action: moved ? 'student.move' : 'student.update',
        targetType: 'student',
        targetId: student.id,
        schoolId: school.id,
        details: {
          ...(moved ? { fromClass: from?.name ?? student.classId, toClass: read.target.name } : {}),
          ...(student.name !== read.fields.studentName ? { renamed: true } : {}),
          ...(student.studentNumber !== read.fields.studentNumber
            ? { fromNumber: student.studentNumber, toNumber: read.fields.studentNumber }
            : {}),
        },
        ip: clientIp(c),
      }),
    ]);
    return c.redirect(`/console/admin/students/${student.id}?saved=1`, 303);
  });

  const readGuardian = async (c: Context<ConsoleEnv>) => {
    const t = c.get('t');
    const body = await c.req.parseBody();
    const values = typedValues(body);
    const parsed = guardianFieldsSchema.safeParse(body);
    if (!parsed.success)
      return {
        values,
        errors: fieldErrorsOf(parsed.error, (field, issue) => t(studentProblemKey(field, issue.message))),
      };
    return { values, fields: parsed.data };
  };

  routes.post('/:studentId/guardians', async (c) => {
    const school = (await administeredSchool(deps, c))!;
    const student = await studentFor(c, school);
    if (!student) return notFound(c);
    const read = await readGuardian(c);
    if (!read.fields)
      return renderStudent(
        c,
        school,
        student,
        { values: read.values, errors: read.errors ?? {}, guardianForm: 'new' },
        400,
      );
    const id = newId('g_');
    await deps.database.atomic([
      db.insert(guardians).values({
        id,
        name: read.fields.guardianName,
        phone: read.fields.phone,
        createdAt: deps.clock.now(),
      }),
      db
        .insert(studentGuardians)
        .values({ studentId: student.id, guardianId: id, relation: read.fields.relation }),
      auditStatement(deps, {
        actorType: 'staff',
        actorId: c.get('actor')!.id,
        action: 'guardian.add',
        targetType: 'student',
        targetId: student.id,
        schoolId: school.id,
        details: { relation: read.fields.relation },
        ip: clientIp(c),
      }),
    ]);
    return c.redirect(`/console/admin/students/${student.id}?saved=1`, 303);
  });

  const linkFor = async (studentId: string, guardianId: string) => {
    const [link] = await db
      .select({ relation: studentGuardians.relation, guardian: guardians })
      .from(studentGuardians)
      .innerJoin(guardians, eq(guardians.id, studentGuardians.guardianId))
      .where(and(eq(studentGuardians.studentId, studentId), eq(studentGuardians.guardianId, guardianId)));
    return link ?? null;
  };

  routes.post('/:studentId/guardians/:guardianId', async (c) => {
    const school = (await administeredSchool(deps, c))!;
    const student = await studentFor(c, school);
    if (!student) return notFound(c);
    const link = await linkFor(student.id, c.req.param('guardianId'));
    if (!link) return notFound(c);
    const read = await readGuardian(c);
    if (!read.fields)
      return renderStudent(
        c,
        school,
        student,
        { values: read.values, errors: read.errors ?? {}, guardianForm: link.guardian.id },
        400,
      );
    await deps.database.atomic([
      // A guardian shared by siblings is one person: the new name or phone shows for every child.
      db
        .update(guardians)
        .set({ name: read.fields.guardianName, phone: read.fields.phone })
        .where(eq(guardians.id, link.guardian.id)),
      db
        .update(studentGuardians)
        .set({ relation: read.fields.relation })
        .where(
          and(eq(studentGuardians.studentId, student.id), eq(studentGuardians.guardianId, link.guardian.id)),
        ),
      auditStatement(deps, {
        actorType: 'staff',
        actorId: c.get('actor')!.id,
        action: 'guardian.update',
        targetType: 'student',
        targetId: student.id,
        schoolId: school.id,
        details: {
          ...(link.relation !== read.fields.relation
            ? { fromRelation: link.relation, toRelation: read.fields.relation }
            : {}),
          ...(link.guardian.phone !== read.fields.phone ? { phoneChanged: true } : {}),
          ...(link.guardian.name !== read.fields.guardianName ? { renamed: true } : {}),
        },
        ip: clientIp(c),
      }),
    ]);
    return c.redirect(`/console/admin/students/${student.id}?saved=1`, 303);
  });

  routes.post('/:studentId/guardians/:guardianId/remove', async (c) => {
    const school = (await administeredSchool(deps, c))!;
    const student = await studentFor(c, school);
    if (!student) return notFound(c);
    const link = await linkFor(student.id, c.req.param('guardianId'));
    if (!link) return notFound(c);
    await deps.database.atomic([
      db
        .delete(studentGuardians)
        .where(
          and(eq(studentGuardians.studentId, student.id), eq(studentGuardians.guardianId, link.guardian.id)),
        ),
      auditStatement(deps, {
        actorType: 'staff',
        actorId: c.get('actor')!.id,
        action: 'guardian.remove',
        targetType: 'student',
        targetId: student.id,
        schoolId: school.id,
        details: { relation: link.relation },
        ip: clientIp(c),
      }),
    ]);
    return c.redirect(`/console/admin/students/${student.id}?saved=1`, 303);
  });

  return routes;
}

function boardingText(t: Translate, boarding: boolean | null): string {
  return t(`admin.students.boarding_${boardingField(boarding) || 'unknown'}`);
}

function classOptions(classRows: AdminClassRow[], current?: string) {
  return [
    { value: '', label: '—' },
    ...classRows
      .filter((row) => row.archivedAt === null || row.id === current)
      .map((row) => ({ value: row.id, label: `${row.name}（${row.schoolYear}）` })),
  ];
}

function boardingOptions(t: Translate) {
  return (['', 'yes', 'no'] as const).map((value) => ({
    value,
    label: t(`admin.students.boarding_${value || 'unknown'}`),
  }));
}

function StudentFields({
  t,
  classRows,
  values,
  errors,
  current,
}: {
  t: Translate;
  classRows: AdminClassRow[];
  values?: FieldValues | undefined;
  errors?: FieldErrors | undefined;
  current?: string;
}) {
  return (
    <>
      <TextField
        name="studentName"
        label={t('roster.fields.studentName')}
        values={values}
        errors={errors}
        required
      />
      <TextField
        name="studentNumber"
        label={t('roster.fields.studentNumber')}
        hint={t('admin.students.number_hint')}
        values={values}
        errors={errors}
        required
      />
      <SelectField
        name="classId"
        label={t('roster.fields.className')}
        values={values}
        errors={errors}
        options={classOptions(classRows, current)}
      />
      <SelectField
        name="boarding"
        label={t('admin.students.boarding')}
        values={values}
        errors={errors}
        options={boardingOptions(t)}
      />
    </>
  );
}

function GuardianFields({
  t,
  idPrefix,
  values,
  errors,
}: {
  t: Translate;
  idPrefix: string;
  values?: FieldValues | undefined;
  errors?: FieldErrors | undefined;
}) {
  return (
    <>
      <TextField
        name="guardianName"
        idPrefix={idPrefix}
        label={t('roster.fields.guardianName')}
        values={values}
        errors={errors}
        required
      />
      <SelectField
        name="relation"
        idPrefix={idPrefix}
        label={t('roster.fields.relation')}
        values={values}
        errors={errors}
        options={GUARDIAN_RELATIONS.map((value) => ({ value, label: t(`relation.${value}`) }))}
      />
      <TextField
        name="phone"
        idPrefix={idPrefix}
        label={t('roster.fields.guardianPhone')}
        hint={t('admin.students.phone_hint')}
        values={values}
        errors={errors}
      />
    </>
  );
}

function StudentsPage({
  c,
  school,
  rows,
  classRows,
  classId,
  query,
}: {
  c: Context<ConsoleEnv>;
  school: SchoolRow;
  rows: StudentListRow[];
  classRows: AdminClassRow[];
  classId: string | undefined;
  query: string;
}) {
  const t = c.get('t');
  const actor = c.get('actor')!;
  const chosen = classRows.find((row) => row.id === classId);
  return (
    <Layout
      t={t}
      locale={c.get('locale')}
      inboxUnread={c.get('inboxUnread')}
      actor={actor}
      title={`${chosen ? chosen.name : school.name} · ${t('admin.tabs.students')}`}
    >
      <AdminTabs t={t} current="students" />
      <form method="get" action="/console/admin/students" class="inline-filter no-print">
        <label for="classFilter">{t('roster.fields.className')}</label>{' '}
        <select id="classFilter" name="classId" onchange="this.form.submit()">
          <option value="">{t('admin.students.all_classes')}</option>
          {classRows.map((row) => (
            <option value={row.id} selected={row.id === classId}>
              {row.name}
            </option>
          ))}
        </select>{' '}
        <noscript>
          <button type="submit" class="secondary">
            {t('forms.search')}
          </button>
        </noscript>
      </form>
      <ListTools t={t} action="/console/admin/students" query={query} extra={classId ? { classId } : {}} />
      <p>
        <a class="button" href={`/console/admin/students/new${classId ? `?classId=${classId}` : ''}`}>
          {t('admin.students.new')}
        </a>
      </p>
      {rows.length === 0 ? (
        <p class="muted">{query ? t('forms.no_match', { query }) : t('admin.students.none')}</p>
      ) : (
        <table class="stack" id="students">
          <thead>
            <tr>
              <th>{t('roster.fields.studentName')}</th>
              <th>{t('roster.fields.studentNumber')}</th>
              <th>{t('roster.fields.className')}</th>
              <th>{t('console.class.guardians')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr data-student={row.id}>
                <td data-label={t('roster.fields.studentName')} class="name">
                  <a href={`/console/admin/students/${row.id}`}>{row.name}</a>
                </td>
                <td data-label={t('roster.fields.studentNumber')}>{row.studentNumber}</td>
                <td data-label={t('roster.fields.className')}>{row.className}</td>
                <td data-label={t('console.class.guardians')}>
                  {row.guardians.length === 0 ? (
                    <span class="warn">{t('admin.students.no_guardian')}</span>
                  ) : (
                    row.guardians.map((each) => (
                      <div>
                        {each.name}（{t(`relation.${each.relation}`)}）{maskPhone(each.phone)}
                      </div>
                    ))
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

function NewStudentPage({
  c,
  school,
  classRows,
  values,
  errors,
}: {
  c: Context<ConsoleEnv>;
  school: SchoolRow;
  classRows: AdminClassRow[];
  values?: FieldValues | undefined;
  errors?: FieldErrors | undefined;
}) {
  const t = c.get('t');
  const actor = c.get('actor')!;
  return (
    <Layout
      t={t}
      locale={c.get('locale')}
      inboxUnread={c.get('inboxUnread')}
      actor={actor}
      title={t('admin.students.new')}
    >
      <AdminTabs t={t} current="students" />
      {classRows.length === 0 ? (
        <p class="banner">
          {t('admin.students.need_class')}{' '}
          <a href="/console/admin/classes#new-class">{t('admin.classes.new')}</a>
        </p>
      ) : (
        <form method="post" action="/console/admin/students" class="card narrow" novalidate>
          <CsrfField actor={actor} />
          {errors && <p class="banner">{t('forms.fix_below')}</p>}
          <p class="muted">{t('admin.students.new_hint', { school: school.name })}</p>
          <StudentFields t={t} classRows={classRows} values={values} errors={errors} />
          <p>
            <button type="submit">{t('admin.students.create')}</button>
          </p>
        </form>
      )}
    </Layout>
  );
}

function StudentPage({
  c,
  student,
  classRows,
  guardians: links,
  values,
  errors,
  guardianForm,
  message,
}: {
  c: Context<ConsoleEnv>;
  school: SchoolRow;
  student: Student;
  classRows: AdminClassRow[];
  guardians: StudentListRow['guardians'];
  values?: FieldValues;
  errors?: FieldErrors;
  /** Which form the values and errors belong to: 'student', 'new' or a guardian id. */
  guardianForm?: string;
  message?: string;
}) {
  const t = c.get('t');
  const actor = c.get('actor')!;
  const own = (form: string) => (guardianForm === form ? { values, errors } : {});
  const studentValues =
    guardianForm === 'student' && values
      ? values
      : {
          studentName: student.name,
          studentNumber: student.studentNumber,
          classId: student.classId,
          boarding: boardingField(student.boarding),
        };
  const className = classRows.find((row) => row.id === student.classId)?.name ?? '';
  return (
    <Layout
      t={t}
      locale={c.get('locale')}
      inboxUnread={c.get('inboxUnread')}
      actor={actor}
      title={`${student.name} · ${className}`}
    >
      <AdminTabs t={t} current="students" />
      <p>
        <a href={`/console/admin/students?classId=${student.classId}`}>
          {t('admin.students.back', { className })}
        </a>
      </p>
      {message && <p class="banner good">{message}</p>}
      {student.graduatedAt !== null && <p class="banner">{t('admin.students.graduated')}</p>}
      <form method="post" action={`/console/admin/students/${student.id}`} class="card narrow" novalidate>
        <CsrfField actor={actor} />
        {guardianForm === 'student' && errors && <p class="banner">{t('forms.fix_below')}</p>}
        <StudentFields
          t={t}
          classRows={classRows}
          values={studentValues}
          errors={guardianForm === 'student' ? errors : undefined}
          current={student.classId}
        />
        <p class="muted">{t('admin.students.move_hint')}</p>
        <p>
          <button type="submit">{t('forms.save')}</button>
        </p>
      </form>
      <h2>{t('console.class.guardians')}</h2>
      {links.length === 0 && <p class="muted">{t('admin.students.no_guardian')}</p>}
      {links.map((link) => {
        const mine = own(link.id);
        const shown = mine.values ?? {
          guardianName: link.name,
          relation: link.relation,
          phone: link.phone ?? '',
        };
        return (
          <div class="card narrow" data-guardian={link.id}>
            <form
              method="post"
              action={`/console/admin/students/${student.id}/guardians/${link.id}`}
              novalidate
            >
              <CsrfField actor={actor} />
              <GuardianFields t={t} idPrefix={`${link.id}-`} values={shown} errors={mine.errors} />
              <p>
                <button type="submit">{t('forms.save')}</button>
              </p>
            </form>
            <form method="post" action={`/console/admin/students/${student.id}/guardians/${link.id}/remove`}>
              <CsrfField actor={actor} />
              <button type="submit" class="secondary">
                {t('admin.students.remove_guardian')}
              </button>
            </form>
          </div>
        );
      })}
      <h2>{t('admin.students.add_guardian')}</h2>
      <form
        method="post"
        action={`/console/admin/students/${student.id}/guardians`}
        class="card narrow"
        novalidate
      >
        <CsrfField actor={actor} />
        <GuardianFields t={t} idPrefix="new-" values={own('new').values} errors={own('new').errors} />
        <p>
          <button type="submit">{t('admin.students.add_guardian')}</button>
        </p>
      </form>
    </Layout>
  );
}
