import { and, asc, eq } from 'drizzle-orm';
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
import { schoolTerms } from '../db/schema.js';
import { clientIp } from '../http/client-ip.js';
import type { AppDeps } from '../platform/ports.js';
import { newId } from '../util/ids.js';
import { AdminTabs } from './admin-tabs.js';
import { administeredSchool, type SchoolRow } from './school-of.js';
import {
  termDatesSchema,
  termFieldsSchema,
  termProblemKey,
  termsOverlap,
  todayInChina,
} from './term-fields.js';

type Term = typeof schoolTerms.$inferSelect;

export async function termsOf(deps: AppDeps, schoolId: string): Promise<Term[]> {
  return deps.database.db
    .select()
    .from(schoolTerms)
    .where(eq(schoolTerms.schoolId, schoolId))
    .orderBy(asc(schoolTerms.startsOn));
}

/** 学年/学期 with their dates: list, add, change the dates. */
export function termRoutes(deps: AppDeps) {
  const routes = new Hono<ConsoleEnv>();
  const { db } = deps.database;

  const render = async (
    c: Context<ConsoleEnv>,
    school: SchoolRow,
    form: { values?: FieldValues; errors?: FieldErrors; editing?: string; message?: string } = {},
    status: 200 | 400 | 409 = 200,
  ) =>
    c.html(
      <TermsPage
        c={c}
        school={school}
        terms={await termsOf(deps, school.id)}
        today={todayInChina(deps.clock.now())}
        {...form}
      />,
      status,
    );

  routes.get('/', async (c) => {
    const school = (await administeredSchool(deps, c))!;
    return render(c, school, c.req.query('saved') ? { message: c.get('t')('forms.saved') } : {});
  });

  routes.post('/', async (c) => {
    const school = (await administeredSchool(deps, c))!;
    const t = c.get('t');
    const body = await c.req.parseBody();
    const values = typedValues(body);
    const parsed = termFieldsSchema.safeParse(body);
    if (!parsed.success) {
      const errors = fieldErrorsOf(parsed.error, (field, issue) => t(termProblemKey(field, issue.message)));
      return render(c, school, { values, errors }, 400);
    }
    const terms = await termsOf(deps, school.id);
    const same = terms.find(
      (term) => term.schoolYear === parsed.data.schoolYear && term.term === parsed.data.term,
    );
    if (same) return render(c, school, { values, errors: { term: t('admin.terms.errors.exists') } }, 409);
    const overlapping = terms.find((term) => termsOverlap(term, parsed.data));
    if (overlapping) {
      return render(
        c,
        school,
        {
          values,
          errors: { startsOn: t('admin.terms.errors.overlap', { term: termLabel(t, overlapping) }) },
        },
        409,
      );
    }
    const id = newId('term_');
    await deps.database.atomic([
      db.insert(schoolTerms).values({ id, schoolId: school.id, ...parsed.data, createdAt: deps.clock.now() }),
      auditStatement(deps, {
        actorType: 'staff',
        actorId: c.get('actor')!.id,
        action: 'term.create',
        targetType: 'term',
        targetId: id,
        schoolId: school.id,
        details: parsed.data,
        ip: clientIp(c),
      }),
    ]);
    return c.redirect('/console/admin/terms?saved=1', 303);
  });

  routes.post('/:termId', async (c) => {
    const school = (await administeredSchool(deps, c))!;
    const t = c.get('t');
    const terms = await termsOf(deps, school.id);
    const term = terms.find((each) => each.id === c.req.param('termId'));
    if (!term) return notFound(c);
    const body = await c.req.parseBody();
    const parsed = termDatesSchema.safeParse(body);
    const editing = { editing: term.id, values: typedValues(body) };
    if (!parsed.success) {
      const errors = fieldErrorsOf(parsed.error, (field, issue) => t(termProblemKey(field, issue.message)));
      return render(c, school, { ...editing, errors }, 400);
    }
    const overlapping = terms.find((other) => other.id !== term.id && termsOverlap(other, parsed.data));
    if (overlapping) {
      const errors = { startsOn: t('admin.terms.errors.overlap', { term: termLabel(t, overlapping) }) };
      return render(c, school, { ...editing, errors }, 409);
    }
    await deps.database.atomic([
      db
        .update(schoolTerms)
        .set(parsed.data)
        .where(and(eq(schoolTerms.id, term.id), eq(schoolTerms.schoolId, school.id))),
      auditStatement(deps, {
        actorType: 'staff',
        actorId: c.get('actor')!.id,
        action: 'term.update',
        targetType: 'term',
        targetId: term.id,
        schoolId: school.id,
        details: {
          schoolYear: term.schoolYear,
          term: term.term,
          startsOn: parsed.data.startsOn,
          endsOn: parsed.data.endsOn,
          previousStartsOn: term.startsOn,
          previousEndsOn: term.endsOn,
        },
        ip: clientIp(c),
      }),
    ]);
    return c.redirect('/console/admin/terms?saved=1', 303);
  });

  return routes;
}

export function termLabel(t: (key: string) => string, term: { schoolYear: string; term: string }): string {
  return `${term.schoolYear} ${t(`console.term.${term.term}`)}`;
}

function TermsPage({
  c,
  school,
  terms,
  today,
  values,
  errors,
  editing,
  message,
}: {
  c: Context<ConsoleEnv>;
  school: SchoolRow;
  terms: Term[];
  today: string;
  values?: FieldValues;
  errors?: FieldErrors;
  editing?: string;
  message?: string;
}) {
  const t = c.get('t');
  const actor = c.get('actor')!;
  const year = Number(today.slice(0, 4));
  const suggestion = Number(today.slice(5, 7)) >= 7 ? `${year}-${year + 1}` : `${year - 1}-${year}`;
  const newValues = editing
    ? { schoolYear: suggestion, term: 'autumn' }
    : (values ?? { schoolYear: suggestion, term: 'autumn' });
  const newErrors = editing ? undefined : errors;
  return (
    <Layout
      t={t}
      locale={c.get('locale')}
      inboxUnread={c.get('inboxUnread')}
      actor={actor}
      title={`${school.name} · ${t('admin.tabs.terms')}`}
    >
      <AdminTabs t={t} current="terms" />
      {message && <p class="banner good">{message}</p>}
      {terms.length === 0 ? (
        <p class="muted">{t('admin.terms.none')}</p>
      ) : (
        <table class="stack" id="terms">
          <thead>
            <tr>
              <th>{t('admin.terms.term')}</th>
              <th>{t('admin.terms.dates')}</th>
              <th>{t('admin.terms.state')}</th>
            </tr>
          </thead>
          <tbody>
            {terms.map((term) => {
              const mine = editing === term.id;
              const shown = mine && values ? values : { startsOn: term.startsOn, endsOn: term.endsOn };
              const state = today < term.startsOn ? 'upcoming' : today > term.endsOn ? 'past' : 'current';
              return (
                <tr data-term={term.id}>
                  <td data-label={t('admin.terms.term')} class="name">
                    {termLabel(t, term)}
                  </td>
                  <td data-label={t('admin.terms.dates')}>
                    <form
                      method="post"
                      action={`/console/admin/terms/${term.id}`}
                      class="row-form"
                      novalidate
                    >
                      <CsrfField actor={actor} />
                      <TextField
                        name="startsOn"
                        idPrefix={`${term.id}-`}
                        type="date"
                        label={t('admin.terms.starts')}
                        values={shown}
                        errors={mine ? errors : undefined}
                      />
                      <TextField
                        name="endsOn"
                        idPrefix={`${term.id}-`}
                        type="date"
                        label={t('admin.terms.ends')}
                        values={shown}
                        errors={mine ? errors : undefined}
                      />
                      <button type="submit" class="secondary">
                        {t('forms.save')}
                      </button>
                    </form>
                  </td>
                  <td data-label={t('admin.terms.state')}>
                    <span class={state === 'current' ? 'ok' : 'muted'}>{t(`admin.terms.${state}`)}</span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <h2>{t('admin.terms.new')}</h2>
      <form method="post" action="/console/admin/terms" class="card narrow" novalidate>
        <CsrfField actor={actor} />
        <TextField
          name="schoolYear"
          label={t('admin.terms.school_year')}
          hint={t('admin.terms.school_year_hint')}
          values={newValues}
          errors={newErrors}
          required
        />
        <SelectField
          name="term"
          label={t('admin.terms.term')}
          values={newValues}
          errors={newErrors}
          options={(['autumn', 'spring'] as const).map((value) => ({
            value,
            label: t(`console.term.${value}`),
          }))}
        />
        <TextField
          name="startsOn"
          type="date"
          label={t('admin.terms.starts')}
          values={newValues}
          errors={newErrors}
          required
        />
        <TextField
          name="endsOn"
          type="date"
          label={t('admin.terms.ends')}
          values={newValues}
          errors={newErrors}
          required
        />
        <p>
          <button type="submit">{t('admin.terms.create')}</button>
        </p>
      </form>
    </Layout>
  );
}
