import { and, eq, isNull } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { auditStatement } from '../audit/audit-log.js';
import type { ConsoleEnv } from '../console/console-env.js';
import { type FieldErrors, type FieldValues, SelectField } from '../console/form-fields.js';
import { CsrfField, Layout } from '../console/layout.js';
import { classes, schoolTerms, students } from '../db/schema.js';
import { clientIp } from '../http/client-ip.js';
import type { AppDeps, AtomicStatement } from '../platform/ports.js';
import { AdminTabs } from './admin-tabs.js';
import { type AdminClassRow, schoolClasses } from './class-queries.js';
import { finalGrade, gradeKey, gradesOf } from './grades.js';
import { planPromotion } from './promotion-plan.js';
import { administeredSchool, type SchoolRow } from './school-of.js';
import { termLabel, termsOf } from './term-routes.js';

type Term = typeof schoolTerms.$inferSelect;

/** End of the school year: move a whole grade up into the next year's term, or graduate the last grade. */
export function promoteRoutes(deps: AppDeps) {
  const routes = new Hono<ConsoleEnv>();
  const { db } = deps.database;

  const render = async (
    c: Context<ConsoleEnv>,
    school: SchoolRow,
    form: { values?: FieldValues; errors?: FieldErrors; message?: string } = {},
    status: 200 | 400 | 409 = 200,
  ) => {
    const [classRows, terms] = await Promise.all([schoolClasses(deps, school.id), termsOf(deps, school.id)]);
    return c.html(
      <PromotePage c={c} school={school} classRows={classRows} terms={terms} {...form} />,
      status,
    );
  };

  routes.get('/', async (c) => {
    const school = (await administeredSchool(deps, c))!;
    const done = c.req.query('done');
    return render(
      c,
      school,
      done
        ? { message: c.get('t')(`admin.promote.done_${done === 'graduated' ? 'graduated' : 'promoted'}`) }
        : {},
    );
  });

  routes.post('/', async (c) => {
    const school = (await administeredSchool(deps, c))!;
    const t = c.get('t');
    const body = await c.req.parseBody();
    const values: FieldValues = {
      grade: typeof body.grade === 'string' ? body.grade : '',
      termId: typeof body.termId === 'string' ? body.termId : '',
    };
    const grade = Number(values.grade);
    if (!gradesOf(school.stage).includes(grade))
      return render(c, school, { values, errors: { grade: t('admin.classes.errors.grade') } }, 400);
    const [term] = await db
      .select()
      .from(schoolTerms)
      .where(and(eq(schoolTerms.id, values.termId ?? ''), eq(schoolTerms.schoolId, school.id)));
    if (!term) return render(c, school, { values, errors: { termId: t('admin.promote.errors.term') } }, 400);
    const classRows = await schoolClasses(deps, school.id);
    const inTarget = await db
      .select({ name: classes.name })
      .from(classes)
      .where(and(eq(classes.schoolId, school.id), eq(classes.schoolYear, term.schoolYear)));
    const plan = planPromotion(
      school.stage,
      grade,
      term.schoolYear,
      classRows,
      new Set(inTarget.map((row) => row.name)),
    );
    if (!plan.ok) {
      const error =
        plan.reason === 'nothing_to_do'
          ? t('admin.promote.errors.nothing', { year: term.schoolYear })
          : t('admin.promote.errors.name_taken', { names: plan.names.join('、'), year: term.schoolYear });
      return render(c, school, { values, errors: { grade: error } }, 409);
    }
    const now = deps.clock.now();
    const statements: AtomicStatement[] = [];
    for (const step of plan.steps) {
      if (step.kind === 'graduate') {
        statements.push(
          db
            .update(students)
            .set({ graduatedAt: now, updatedAt: now })
            .where(and(eq(students.classId, step.classId), isNull(students.graduatedAt))),
          db.update(classes).set({ archivedAt: now }).where(eq(classes.id, step.classId)),
        );
      } else {
        statements.push(
          db
            .update(classes)
            .set({ name: step.toName, grade: step.toGrade, schoolYear: term.schoolYear, term: term.term })
            .where(eq(classes.id, step.classId)),
        );
      }
    }
    const graduating = plan.steps[0]?.kind === 'graduate';
    statements.push(
      auditStatement(deps, {
        actorType: 'staff',
        actorId: c.get('actor')!.id,
        action: graduating ? 'grade.graduate' : 'grade.promote',
        targetType: 'school',
        targetId: school.id,
        schoolId: school.id,
        details: {
          grade,
          schoolYear: term.schoolYear,
          classes: plan.steps
            .map((step) => (step.kind === 'graduate' ? step.name : `${step.fromName} → ${step.toName}`))
            .join('、'),
        },
        ip: clientIp(c),
      }),
    );
    await deps.database.atomic(statements);
    return c.redirect(`/console/admin/promote?done=${graduating ? 'graduated' : 'promoted'}`, 303);
  });

  return routes;
}

function PromotePage({
  c,
  school,
  classRows,
  terms,
  values,
  errors,
  message,
}: {
  c: Context<ConsoleEnv>;
  school: SchoolRow;
  classRows: AdminClassRow[];
  terms: Term[];
  values?: FieldValues;
  errors?: FieldErrors;
  message?: string;
}) {
  const t = c.get('t');
  const actor = c.get('actor')!;
  const last = finalGrade(school.stage);
  const grades = gradesOf(school.stage).filter((grade) => classRows.some((row) => row.grade === grade));
  const upcoming = [...terms].reverse();
  const shown = values ?? { grade: String(grades.at(-1) ?? ''), termId: upcoming[0]?.id ?? '' };
  return (
    <Layout
      t={t}
      locale={c.get('locale')}
      inboxUnread={c.get('inboxUnread')}
      actor={actor}
      title={`${school.name} · ${t('admin.tabs.promote')}`}
    >
      <AdminTabs t={t} current="promote" />
      {message && <p class="banner good">{message}</p>}
      <div class="card narrow">
        <p>{t('admin.promote.intro')}</p>
        <ul>
          <li>{t('admin.promote.rule_promote')}</li>
          <li>{t('admin.promote.rule_graduate', { grade: t(gradeKey(school.stage, last)) })}</li>
          <li>{t('admin.promote.rule_order')}</li>
        </ul>
      </div>
      {grades.length === 0 || terms.length === 0 ? (
        <p class="muted">{t('admin.promote.nothing_yet')}</p>
      ) : (
        <form method="post" action="/console/admin/promote" class="card narrow">
          <CsrfField actor={actor} />
          <SelectField
            name="grade"
            label={t('admin.promote.grade')}
            values={shown}
            errors={errors}
            options={grades.map((grade) => ({
              value: String(grade),
              label: `${t(gradeKey(school.stage, grade))}（${classRows
                .filter((row) => row.grade === grade)
                .map((row) => row.name)
                .join('、')}）${grade === last ? ` → ${t('admin.promote.graduates')}` : ''}`,
            }))}
          />
          <SelectField
            name="termId"
            label={t('admin.promote.target')}
            hint={t('admin.promote.target_hint')}
            values={shown}
            errors={errors}
            options={upcoming.map((term) => ({ value: term.id, label: termLabel(t, term) }))}
          />
          <p>
            <button type="submit">{t('admin.promote.submit')}</button>
          </p>
        </form>
      )}
    </Layout>
  );
}
