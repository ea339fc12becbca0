import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { auditStatement } from '../audit/audit-log.js';
import { canManageSchool, canManageSchools } from '../auth/permissions.js';
import type { ConsoleEnv } from '../console/console-env.js';
import { forbidden, notFound } from '../console/denied-page.js';
import { type FieldErrors, type FieldValues, fieldErrorsOf, typedValues } from '../console/form-fields.js';
import { CsrfField, Layout } from '../console/layout.js';
import { ListTools, matchesQuery, searchQuery } from '../console/list-tools.js';
import { schools, staffAccounts, staffSessions } from '../db/schema.js';
import { type ExportFormat, tableDownload } from '../export/index.js';
import { clientIp } from '../http/client-ip.js';
import type { Translate } from '../i18n/index.js';
import type { AppDeps } from '../platform/ports.js';
import { newId } from '../util/ids.js';
import { schoolFieldsSchema, schoolProblemKey } from './school-fields.js';
import { SchoolFormFields } from './school-form.js';

type School = typeof schools.$inferSelect;

/** The district officer's schools: list, search, export, create, edit (name, stage, ownership, location), close. */
export function schoolRoutes(deps: AppDeps) {
  const routes = new Hono<ConsoleEnv>();
  const { db } = deps.database;

  routes.use(async (c, next) => {
    if (!canManageSchools(c.get('actor')!)) return forbidden(c);
    await next();
  });

  const districtSchools = (c: Context<ConsoleEnv>) =>
    db
      .select()
      .from(schools)
      .where(eq(schools.districtId, c.get('actor')!.districtId ?? ''))
      .orderBy(asc(schools.name));

  const renderList = async (
    c: Context<ConsoleEnv>,
    form?: { values: FieldValues; errors: FieldErrors },
    status: 200 | 400 | 409 = 200,
  ) => {
    const query = searchQuery(c.req.query('q'));
    const all = await districtSchools(c);
    const shown = all.filter((school) => matchesQuery(query, school.name));
    return c.html(<SchoolsPage c={c} schools={shown} query={query} form={form} />, status);
  };

  routes.get('/', (c) => renderList(c));

  for (const format of ['csv', 'xlsx'] as const satisfies ExportFormat[]) {
    routes.get(`/export.${format}`, async (c) => {
      const t = c.get('t');
      const query = searchQuery(c.req.query('q'));
      const rows = (await districtSchools(c)).filter((school) => matchesQuery(query, school.name));
      return tableDownload(c, format, t('schools.export_name'), [
        [
          t('schools.name'),
          t('schools.stage'),
          t('schools.ownership'),
          t('schools.residence'),
          t('schools.status'),
        ],
        ...rows.map((school) => [
          school.name,
          t(`policy.stage.${school.stage}`),
          t(`policy.ownership.${school.ownership}`),
          t(`policy.residence.${school.residence}`),
          statusText(t, school),
        ]),
      ]);
    });
  }

  /** Parses the school fields; a name already used by another school of the district is refused. */
  const readSchool = async (c: Context<ConsoleEnv>, exceptId?: string) => {
    const t = c.get('t');
    const body = await c.req.parseBody();
    const values = typedValues(body);
    const parsed = schoolFieldsSchema.safeParse(body);
    if (!parsed.success) {
      return { values, errors: fieldErrorsOf(parsed.error, (field) => t(schoolProblemKey(field))) };
    }
    const [same] = await db
      .select({ id: schools.id })
      .from(schools)
      .where(
        and(
          eq(schools.districtId, c.get('actor')!.districtId ?? ''),
          eq(schools.name, parsed.data.schoolName),
        ),
      );
    if (same && same.id !== exceptId) return { values, errors: { schoolName: t('schools.errors.taken') } };
    return { values, fields: parsed.data };
  };

  routes.post('/', async (c) => {
    const actor = c.get('actor')!;
    const read = await readSchool(c);
    if (!read.fields) return renderList(c, { values: read.values, errors: read.errors ?? {} }, 400);
    const id = newId('sch_');
    await deps.database.atomic([
      db.insert(schools).values({
        id,
        districtId: actor.districtId!,
        name: read.fields.schoolName,
        stage: read.fields.stage,
        ownership: read.fields.ownership,
        residence: read.fields.residence,
        createdAt: deps.clock.now(),
      }),
      auditStatement(deps, {
        actorType: 'staff',
        actorId: actor.id,
        action: 'school.create',
        targetType: 'school',
        targetId: id,
        schoolId: id,
        details: {
          school: read.fields.schoolName,
          stage: read.fields.stage,
          ownership: read.fields.ownership,
          residence: read.fields.residence,
        },
        ip: clientIp(c),
      }),
    ]);
    return c.redirect(`/console/schools/${id}?created=1`, 303);
  });

  const schoolFor = async (c: Context<ConsoleEnv>) => {
    const [school] = await db
      .select()
      .from(schools)
      .where(eq(schools.id, c.req.param('schoolId') ?? ''));
    if (!school || !canManageSchool(c.get('actor')!, school)) return { response: notFound(c) };
    return { school };
  };

  const renderSchool = async (
    c: Context<ConsoleEnv>,
    school: School,
    options: { values?: FieldValues; errors?: FieldErrors; message?: string; confirmClose?: boolean } = {},
    status: 200 | 400 | 409 = 200,
  ) => {
    const accounts = await db
      .select()
      .from(staffAccounts)
      .where(eq(staffAccounts.schoolId, school.id))
      .orderBy(asc(staffAccounts.username));
    return c.html(<SchoolPage c={c} school={school} accounts={accounts} {...options} />, status);
  };

  routes.get('/:schoolId', async (c) => {
    const { school, response } = await schoolFor(c);
    if (!school) return response;
    const t = c.get('t');
    return renderSchool(
      c,
      school,
      c.req.query('created') ? { message: t('schools.created', { name: school.name }) } : {},
    );
  });

  routes.post('/:schoolId', async (c) => {
    const { school, response } = await schoolFor(c);
    if (!school) return response;
    const actor = c.get('actor')!;
    const read = await readSchool(c, school.id);
    if (!read.fields) return renderSchool(c, school, { values: read.values, errors: read.errors ?? {} }, 400);
    await deps.database.atomic([
      db
        .update(schools)
        .set({
          name: read.fields.schoolName,
          stage: read.fields.stage,
          ownership: read.fields.ownership,
          residence: read.fields.residence,
        })
        .where(eq(schools.id, school.id)),
      auditStatement(deps, {
        actorType: 'staff',
        actorId: actor.id,
        action: 'school.update',
        targetType: 'school',
        targetId: school.id,
        schoolId: school.id,
        details: {
          school: read.fields.schoolName,
          ...(school.name !== read.fields.schoolName ? { previousName: school.name } : {}),
          stage: read.fields.stage,
          ownership: read.fields.ownership,
          residence: read.fields.residence,
        },
        ip: clientIp(c),
      }),
    ]);
    const [updated] = await db.select().from(schools).where(eq(schools.id, school.id));
    return renderSchool(c, updated!, { message: c.get('t')('schools.saved') });
  });

  // Closing asks first: the post without confirm=yes only shows what will happen.
  routes.post('/:schoolId/close', async (c) => {
    const { school, response } = await schoolFor(c);
    if (!school) return response;
    if (school.closedAt !== null) return c.redirect(`/console/schools/${school.id}`, 303);
    if ((await c.req.parseBody()).confirm !== 'yes') return renderSchool(c, school, { confirmClose: true });
    const actor = c.get('actor')!;
    const staffOfSchool = db
      .select({ id: staffAccounts.id })
      .from(staffAccounts)
      .where(eq(staffAccounts.schoolId, school.id));
    await deps.database.atomic([
      db
        .update(schools)
        .set({ closedAt: deps.clock.now() })
        .where(and(eq(schools.id, school.id), isNull(schools.closedAt))),
      // Its staff are logged out at once; log-in refuses accounts of a closed school.
      db.delete(staffSessions).where(inArray(staffSessions.staffId, staffOfSchool)),
      auditStatement(deps, {
        actorType: 'staff',
        actorId: actor.id,
        action: 'school.close',
        targetType: 'school',
        targetId: school.id,
        schoolId: school.id,
        details: { school: school.name },
        ip: clientIp(c),
      }),
    ]);
    return c.redirect(`/console/schools/${school.id}`, 303);
  });

  routes.post('/:schoolId/reopen', async (c) => {
    const { school, response } = await schoolFor(c);
    if (!school) return response;
    await deps.database.atomic([
      db.update(schools).set({ closedAt: null }).where(eq(schools.id, school.id)),
      auditStatement(deps, {
        actorType: 'staff',
        actorId: c.get('actor')!.id,
        action: 'school.reopen',
        targetType: 'school',
        targetId: school.id,
        schoolId: school.id,
        details: { school: school.name },
        ip: clientIp(c),
      }),
    ]);
    return c.redirect(`/console/schools/${school.id}`, 303);
  });

  return routes;
}

function statusText(t: Translate, school: School): string {
  return school.closedAt === null ? t('schools.open') : t('schools.closed');
}

function SchoolsPage({
  c,
  schools: rows,
  query,
  form,
}: {
  c: Context<ConsoleEnv>;
  schools: School[];
  query: string;
  form?: { values: FieldValues; errors: FieldErrors } | undefined;
}) {
  const t = c.get('t');
  const actor = c.get('actor')!;
  return (
    <Layout
      t={t}
      locale={c.get('locale')}
      inboxUnread={c.get('inboxUnread')}
      actor={actor}
      title={t('schools.title')}
    >
      <ListTools t={t} action="/console/schools" query={query} />
      {rows.length === 0 ? (
        <p class="muted">{query ? t('forms.no_match', { query }) : t('schools.none')}</p>
      ) : (
        <table class="stack" id="schools">
          <thead>
            <tr>
              <th>{t('schools.name')}</th>
              <th>{t('schools.stage')}</th>
              <th>{t('schools.ownership')}</th>
              <th>{t('schools.residence')}</th>
              <th>{t('schools.status')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((school) => (
              <tr data-school={school.id}>
                <td data-label={t('schools.name')} class="name">
                  <a href={`/console/schools/${school.id}`}>{school.name}</a>
                </td>
                <td data-label={t('schools.stage')}>{t(`policy.stage.${school.stage}`)}</td>
                <td data-label={t('schools.ownership')}>{t(`policy.ownership.${school.ownership}`)}</td>
                <td data-label={t('schools.residence')}>{t(`policy.residence.${school.residence}`)}</td>
                <td data-label={t('schools.status')}>
                  <span class={school.closedAt === null ? 'ok' : 'muted'}>{statusText(t, school)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 id="new-school">{t('schools.new')}</h2>
      <form method="post" action="/console/schools" class="card" novalidate>
        <CsrfField actor={actor} />
        {form && <p class="banner">{t('forms.fix_below')}</p>}
        <SchoolFormFields t={t} values={form?.values} errors={form?.errors} />
        <p>
          <button type="submit">{t('schools.create')}</button>
        </p>
      </form>
    </Layout>
  );
}

function SchoolPage({
  c,
  school,
  accounts,
  values,
  errors,
  message,
  confirmClose,
}: {
  c: Context<ConsoleEnv>;
  school: School;
  accounts: (typeof staffAccounts.$inferSelect)[];
  values?: FieldValues;
  errors?: FieldErrors;
  message?: string;
  confirmClose?: boolean;
}) {
  const t = c.get('t');
  const actor = c.get('actor')!;
  const shown: FieldValues = values ?? {
    schoolName: school.name,
    stage: school.stage,
    ownership: school.ownership,
    residence: school.residence,
  };
  return (
    <Layout
      t={t}
      locale={c.get('locale')}
      inboxUnread={c.get('inboxUnread')}
      actor={actor}
      title={school.name}
    >
      <p>
        <a href="/console/schools">{t('schools.back')}</a>
      </p>
      {message && <p class="banner good">{message}</p>}
      {school.closedAt !== null && <p class="banner">{t('schools.closed_note')}</p>}
      {confirmClose && (
        <form
          method="post"
          action={`/console/schools/${school.id}/close`}
          class="card confirm"
          id="confirm-close"
        >
          <CsrfField actor={actor} />
          <input type="hidden" name="confirm" value="yes" />
          <p>{t('schools.close_confirm', { name: school.name, accounts: accounts.length })}</p>
          <button type="submit">{t('schools.close_yes')}</button>{' '}
          <a href={`/console/schools/${school.id}`}>{t('forms.cancel')}</a>
        </form>
      )}
      <form method="post" action={`/console/schools/${school.id}`} class="card" novalidate>
        <CsrfField actor={actor} />
        {errors && <p class="banner">{t('forms.fix_below')}</p>}
        <SchoolFormFields t={t} values={shown} errors={errors} />
        <p>
          <button type="submit">{t('forms.save')}</button>
        </p>
      </form>
      <h2>{t('schools.accounts')}</h2>
      {accounts.length === 0 ? (
        <p class="muted">{t('schools.no_accounts')}</p>
      ) : (
        <ul>
          {accounts.map((account) => (
            <li>
              {account.displayName}（{account.username}，{t(`console.role.${account.role}`)}）
              {account.disabled ? ` · ${t('console.accounts.disabled')}` : ''}
            </li>
          ))}
        </ul>
      )}
      {school.closedAt === null && (
        <p>
          <a class="button" href={`/console/accounts?schoolId=${school.id}#new-account`}>
            {t('schools.add_account')}
          </a>
        </p>
      )}
      <h2>{t('schools.status')}</h2>
      {school.closedAt === null ? (
        <form method="post" action={`/console/schools/${school.id}/close`}>
          <CsrfField actor={actor} />
          <p class="muted">{t('schools.close_hint')}</p>
          <button type="submit" class="secondary danger">
            {t('schools.close')}
          </button>
        </form>
      ) : (
        <form method="post" action={`/console/schools/${school.id}/reopen`}>
          <CsrfField actor={actor} />
          <button type="submit" class="secondary">
            {t('schools.reopen')}
          </button>
        </form>
      )}
    </Layout>
  );
}
