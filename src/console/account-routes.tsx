import { and, asc, eq, isNull } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import * as z from 'zod';
import { auditStatement } from '../audit/audit-log.js';
import {
  displayNameSchema,
  passwordSchema,
  roleSchema,
  usernameProblemKey,
  usernameSchema,
} from '../auth/account-rules.js';
import { hashPassword } from '../auth/password.js';
import { canManageAccount, canManageAccounts } from '../auth/permissions.js';
import { STAFF_ROLES, type StaffActor, type StaffRole } from '../auth/staff-actor.js';
import { classes, schools, staffAccounts, staffClasses, staffSessions } from '../db/schema.js';
import { abortUnlessChanged, isWriteConflict } from '../db/write-guard.js';
import { tableDownload } from '../export/index.js';
import { clientIp } from '../http/client-ip.js';
import type { AppDeps, AtomicStatement } from '../platform/ports.js';
import { newId } from '../util/ids.js';
import { rateLimiter } from '../util/rate-limit.js';
import { type ConsoleEnv, ERROR_CODE_HEADER } from './console-env.js';
import { forbidden, notFound } from './denied-page.js';
import {
  type FieldErrors,
  type FieldValues,
  fieldErrorsOf,
  SelectField,
  TextField,
  typedValues,
} from './form-fields.js';
import { CsrfField, Layout } from './layout.js';
import { ListTools, matchesQuery, searchQuery } from './list-tools.js';

const createForm = z.object({
  username: usernameSchema,
  displayName: displayNameSchema,
  role: roleSchema,
  password: passwordSchema,
  schoolId: z.string().max(60).optional(),
  classId: z.string().max(60).optional(),
});

type Account = typeof staffAccounts.$inferSelect;
type School = typeof schools.$inferSelect;

/** Roles a school officer may hand out; district roles are the district officer's to give. */
function assignableRoles(actor: StaffActor): readonly StaffRole[] {
  return actor.role === 'district_officer'
    ? STAFF_ROLES
    : STAFF_ROLES.filter((role) => role !== 'district_officer');
}

function problemKey(field: string, typed: Record<string, unknown>): string {
  switch (field) {
    case 'username':
      return usernameProblemKey(typed.username);
    case 'displayName':
      return 'forms.display_name';
    case 'password':
      return 'forms.password_short';
    case 'schoolId':
      return 'forms.school_required';
    default:
      return 'console.accounts.invalid';
  }
}

interface PageState {
  message?: { text: string; good: boolean };
  values?: FieldValues;
  errors?: FieldErrors;
  confirmDisable?: Account;
}

/** Staff accounts: list (search, export), create, reset a password, change a role, disable (asks first), enable. */
export function accountRoutes(deps: AppDeps) {
  const routes = new Hono<ConsoleEnv>();
  const { db } = deps.database;

  routes.use(async (c, next) => {
    if (!canManageAccounts(c.get('actor')!)) return forbidden(c);
    await next();
  });

  const list = async (actor: StaffActor) => {
    const scope =
      actor.role === 'district_officer'
        ? eq(staffAccounts.districtId, actor.districtId ?? '')
        : eq(staffAccounts.schoolId, actor.schoolId ?? '');
    return db.select().from(staffAccounts).where(scope).orderBy(asc(staffAccounts.username));
  };

  /** The schools whose accounts this person creates: all open schools of the district, or their own. */
  const schoolsFor = async (actor: StaffActor): Promise<School[]> => {
    if (actor.role === 'district_officer')
      return db
        .select()
        .from(schools)
        .where(and(eq(schools.districtId, actor.districtId ?? ''), isNull(schools.closedAt)))
        .orderBy(asc(schools.name));
    return actor.schoolId ? db.select().from(schools).where(eq(schools.id, actor.schoolId)) : [];
  };

  const listed = async (c: Context<ConsoleEnv>) => {
    const t = c.get('t');
    const actor = c.get('actor')!;
    const query = searchQuery(c.req.query('q'));
    const [accounts, schoolRows] = await Promise.all([list(actor), schoolsFor(actor)]);
    const schoolName = new Map(schoolRows.map((school) => [school.id, school.name]));
    const rows = accounts.filter((account) =>
      matchesQuery(
        query,
        account.username,
        account.displayName,
        t(`console.role.${account.role}`),
        schoolName.get(account.schoolId ?? ''),
      ),
    );
    return { query, rows, schoolRows, schoolName };
  };

  const render = async (c: Context<ConsoleEnv>, state: PageState = {}, status: 200 | 400 | 409 = 200) => {
    const actor = c.get('actor')!;
    const { query, rows, schoolRows, schoolName } = await listed(c);
    const schoolClasses = actor.schoolId
      ? await db
          .select()
          .from(classes)
          .where(and(eq(classes.schoolId, actor.schoolId), isNull(classes.archivedAt)))
          .orderBy(asc(classes.grade), asc(classes.name))
      : [];
    return c.html(
      <AccountsPage
        c={c}
        accounts={rows}
        query={query}
        schoolRows={schoolRows}
        schoolName={schoolName}
        schoolClasses={schoolClasses}
        {...state}
      />,
      status,
    );
  };

  routes.get('/', (c) => render(c, { values: { schoolId: c.req.query('schoolId') ?? '' } }));

  for (const format of ['csv', 'xlsx'] as const) {
    routes.get(`/export.${format}`, async (c) => {
      const t = c.get('t');
      const { rows, schoolName } = await listed(c);
      return tableDownload(c, format, t('console.accounts.export_name'), [
        [
          t('console.accounts.username'),
          t('console.accounts.name'),
          t('console.accounts.role'),
          t('console.accounts.school'),
          t('console.accounts.status'),
        ],
        ...rows.map((account) => [
          account.username,
          account.displayName,
          t(`console.role.${account.role}`),
          schoolName.get(account.schoolId ?? '') ?? '',
          t(account.disabled ? 'console.accounts.disabled' : 'console.accounts.active'),
        ]),
      ]);
    });
  }

  routes.post('/', async (c) => {
    const actor = c.get('actor')!;
    const t = c.get('t');
    const body = await c.req.parseBody();
    const values = typedValues(body);
    const refuse = (errors: FieldErrors, status: 400 | 409 = 400) =>
      render(c, { values, errors, message: { text: t('forms.fix_below'), good: false } }, status);
    const parsed = createForm.safeParse(body);
    if (!parsed.success) return refuse(fieldErrorsOf(parsed.error, (field) => t(problemKey(field, body))));
    const form = parsed.data;
    if (!assignableRoles(actor).includes(form.role))
      return refuse({ role: t('console.accounts.role_refused') });
    // A district officer says which school the account is for; a school officer's accounts are their school's.
    let school: School | undefined;
    if (form.role !== 'district_officer') {
      const wanted = actor.role === 'district_officer' ? (form.schoolId ?? '') : (actor.schoolId ?? '');
      school = (await schoolsFor(actor)).find((each) => each.id === wanted);
      if (!school) return refuse({ schoolId: t('forms.school_required') });
    }
    const [taken] = await db
      .select({ id: staffAccounts.id })
      .from(staffAccounts)
      .where(eq(staffAccounts.username, form.username));
    const usernameTaken = () => {
      c.header(ERROR_CODE_HEADER, 'username_taken');
      return refuse({ username: t('forms.taken') }, 409);
    };
    if (taken) return usernameTaken();
    // Hashing the password is the slow part: claim the username first with one atomic count, so of many
    // identical submits only one pays for it and the others answer 409 at once.
    const claims = rateLimiter(deps, { limit: 1, windowMs: 60_000 });
    const claimKey = `account-create:${form.username}`;
    if (!(await claims.attempt(claimKey)).allowed) return usernameTaken();
    try {
      return await createAccount(c, form, school, usernameTaken);
    } finally {
      await claims.clear(claimKey);
    }
  });

  const createAccount = async (
    c: Context<ConsoleEnv>,
    form: z.infer<typeof createForm>,
    school: School | undefined,
    usernameTaken: () => Response | Promise<Response>,
  ) => {
    const actor = c.get('actor')!;
    const t = c.get('t');
    const id = newId('st_');
    const schoolId = school?.id ?? null;
    const statements: AtomicStatement[] = [
      // Two officers (or a double click) creating the same username at once: the insert that comes second
      // changes nothing, the guard aborts its whole write (audit row included), and it answers 409.
      db
        .insert(staffAccounts)
        .values({
          id,
          username: form.username,
          displayName: form.displayName,
          role: form.role,
          schoolId,
          districtId: school?.districtId ?? actor.districtId,
          passwordHash: await hashPassword(form.password),
          createdAt: deps.clock.now(),
        })
        .onConflictDoNothing({ target: staffAccounts.username }),
      abortUnlessChanged(db),
      auditStatement(deps, {
        actorType: 'staff',
        actorId: actor.id,
        action: 'account.create',
        targetType: 'staff',
        targetId: id,
        schoolId,
        details: { role: form.role, username: form.username },
        ip: clientIp(c),
      }),
    ];
    if (form.role === 'class_teacher' && form.classId && schoolId) {
      const [taught] = await db
        .select()
        .from(classes)
        .where(and(eq(classes.id, form.classId), eq(classes.schoolId, schoolId)));
      if (taught) statements.push(db.insert(staffClasses).values({ staffId: id, classId: taught.id }));
    }
    try {
      await deps.database.atomic(statements);
    } catch (error) {
      if (isWriteConflict(error)) return usernameTaken();
      throw error;
    }
    return render(c, {
      message: { text: t('console.accounts.created', { username: form.username }), good: true },
    });
  };

  /** Loads the target account and checks the actor may manage it. */
  const target = async (c: Context<ConsoleEnv>) => {
    const [account] = await db
      .select()
      .from(staffAccounts)
      .where(eq(staffAccounts.id, c.req.param('accountId') ?? ''));
    if (!account) return { response: notFound(c) };
    if (!canManageAccount(c.get('actor')!, account) || account.id === c.get('actor')!.id)
      return { response: forbidden(c) };
    return { account };
  };

  routes.post('/:accountId/password', async (c) => {
    const { account, response } = await target(c);
    if (!account) return response;
    const t = c.get('t');
    const parsed = passwordSchema.safeParse((await c.req.parseBody()).password);
    if (!parsed.success)
      return render(c, { message: { text: t('console.accounts.password_rule'), good: false } }, 400);
    await deps.database.atomic([
      db
        .update(staffAccounts)
        .set({ passwordHash: await hashPassword(parsed.data) })
        .where(eq(staffAccounts.id, account.id)),
      // A reset logs the account out everywhere.
      db.delete(staffSessions).where(eq(staffSessions.staffId, account.id)),
      auditStatement(deps, {
        actorType: 'staff',
        actorId: c.get('actor')!.id,
        action: 'account.password_reset',
        targetType: 'staff',
        targetId: account.id,
        schoolId: account.schoolId,
        ip: clientIp(c),
      }),
    ]);
    return render(c, {
      message: { text: t('console.accounts.password_done', { username: account.username }), good: true },
    });
  });

  routes.post('/:accountId/role', async (c) => {
    const { account, response } = await target(c);
    if (!account) return response;
    const actor = c.get('actor')!;
    const t = c.get('t');
    const role = roleSchema.safeParse((await c.req.parseBody()).role);
    if (!role.success || !assignableRoles(actor).includes(role.data)) {
      return render(c, { message: { text: t('console.accounts.invalid'), good: false } }, 400);
    }
    await deps.database.atomic([
      db.update(staffAccounts).set({ role: role.data }).where(eq(staffAccounts.id, account.id)),
      db.delete(staffSessions).where(eq(staffSessions.staffId, account.id)),
      auditStatement(deps, {
        actorType: 'staff',
        actorId: actor.id,
        action: 'account.role_change',
        targetType: 'staff',
        targetId: account.id,
        schoolId: account.schoolId,
        details: { from: account.role, to: role.data },
        ip: clientIp(c),
      }),
    ]);
    return render(c, {
      message: { text: t('console.accounts.role_done', { username: account.username }), good: true },
    });
  });

  for (const [path, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    routes.post(`/:accountId/${path}`, async (c) => {
      const { account, response } = await target(c);
      if (!account) return response;
      // Disabling logs the person out at once, so it asks first: only a post with confirm=yes does it.
      if (disabled && (await c.req.parseBody()).confirm !== 'yes')
        return render(c, { confirmDisable: account });
      await deps.database.atomic([
        db.update(staffAccounts).set({ disabled }).where(eq(staffAccounts.id, account.id)),
        db.delete(staffSessions).where(eq(staffSessions.staffId, account.id)),
        auditStatement(deps, {
          actorType: 'staff',
          actorId: c.get('actor')!.id,
          action: disabled ? 'account.disable' : 'account.enable',
          targetType: 'staff',
          targetId: account.id,
          schoolId: account.schoolId,
          ip: clientIp(c),
        }),
      ]);
      return render(c, {
        message: {
          text: c.get('t')(`console.accounts.${path}_done`, { username: account.username }),
          good: true,
        },
      });
    });
  }

  return routes;
}

function AccountsPage({
  c,
  accounts,
  query,
  schoolRows,
  schoolName,
  schoolClasses,
  message,
  values,
  errors,
  confirmDisable,
}: {
  c: Context<ConsoleEnv>;
  accounts: Account[];
  query: string;
  schoolRows: School[];
  schoolName: Map<string, string>;
  schoolClasses: (typeof classes.$inferSelect)[];
} & PageState) {
  const t = c.get('t');
  const actor = c.get('actor')!;
  const roles = assignableRoles(actor);
  const district = actor.role === 'district_officer';
  const shown: FieldValues = { role: district ? 'school_officer' : 'class_teacher', ...values };
  return (
    <Layout
      t={t}
      locale={c.get('locale')}
      inboxUnread={c.get('inboxUnread')}
      actor={actor}
      title={t('console.accounts.title')}
    >
      {message && <p class={message.good ? 'banner good' : 'banner'}>{message.text}</p>}
      {confirmDisable && (
        <form
          method="post"
          action={`/console/accounts/${confirmDisable.id}/disable`}
          class="card confirm"
          id="confirm-disable"
        >
          <CsrfField actor={actor} />
          <input type="hidden" name="confirm" value="yes" />
          <p>
            {t('console.accounts.disable_confirm', {
              name: confirmDisable.displayName,
              username: confirmDisable.username,
            })}
          </p>
          <button type="submit">{t('console.accounts.disable_yes')}</button>{' '}
          <a href="/console/accounts">{t('forms.cancel')}</a>
        </form>
      )}
      <ListTools t={t} action="/console/accounts" query={query} />
      {accounts.length === 0 && query && <p class="muted">{t('forms.no_match', { query })}</p>}
      <table class="stack" id="accounts">
        <thead>
          <tr>
            <th>{t('console.accounts.name')}</th>
            <th>{t('console.accounts.role')}</th>
            {district && <th>{t('console.accounts.school')}</th>}
            <th>{t('console.accounts.status')}</th>
            <th>{t('console.accounts.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => {
            const self = account.id === actor.id;
            return (
              <tr data-account={account.username}>
                <td data-label={t('console.accounts.name')} class="name">
                  {account.displayName}
                  <div class="muted">{account.username}</div>
                </td>
                <td data-label={t('console.accounts.role')}>{t(`console.role.${account.role}`)}</td>
                {district && (
                  <td data-label={t('console.accounts.school')}>
                    {schoolName.get(account.schoolId ?? '') ?? '—'}
                  </td>
                )}
                <td data-label={t('console.accounts.status')}>
                  {account.disabled ? t('console.accounts.disabled') : t('console.accounts.active')}
                </td>
                <td class="actions">
                  {!self && (
                    <>
                      <form class="inline" method="post" action={`/console/accounts/${account.id}/password`}>
                        <CsrfField actor={actor} />
                        <input
                          type="password"
                          name="password"
                          aria-label={t('console.accounts.new_password')}
                          placeholder={t('console.accounts.new_password')}
                          minlength={10}
                          autocomplete="new-password"
                          required
                        />{' '}
                        <button type="submit" class="secondary">
                          {t('console.accounts.reset')}
                        </button>
                      </form>{' '}
                      <form class="inline" method="post" action={`/console/accounts/${account.id}/role`}>
                        <CsrfField actor={actor} />
                        <select name="role" aria-label={t('console.accounts.role')}>
                          {roles.map((role) => (
                            <option value={role} selected={role === account.role}>
                              {t(`console.role.${role}`)}
                            </option>
                          ))}
                        </select>{' '}
                        <button type="submit" class="secondary">
                          {t('console.accounts.change_role')}
                        </button>
                      </form>{' '}
                      {account.role === 'class_teacher' && actor.role === 'school_officer' && (
                        <>
                          <a class="button secondary" href={`/console/admin/teachers/${account.id}`}>
                            {t('admin.teachers.change')}
                          </a>{' '}
                        </>
                      )}
                      <form
                        class="inline"
                        method="post"
                        action={`/console/accounts/${account.id}/${account.disabled ? 'enable' : 'disable'}`}
                      >
                        <CsrfField actor={actor} />
                        <button type="submit" class="secondary">
                          {t(account.disabled ? 'console.accounts.enable' : 'console.accounts.disable')}
                        </button>
                      </form>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h2 id="new-account">{t('console.accounts.new')}</h2>
      <form method="post" action="/console/accounts" class="card narrow" novalidate>
        <CsrfField actor={actor} />
        <TextField
          name="displayName"
          label={t('console.accounts.name')}
          values={shown}
          errors={errors}
          required
        />
        <TextField
          name="username"
          label={t('console.accounts.username')}
          hint={t('forms.username_hint')}
          values={shown}
          errors={errors}
          autocomplete="off"
          required
        />
        <SelectField
          name="role"
          label={t('console.accounts.role')}
          values={shown}
          errors={errors}
          options={roles.map((role) => ({ value: role, label: t(`console.role.${role}`) }))}
        />
        {district && (
          <SelectField
            name="schoolId"
            label={t('console.accounts.school')}
            hint={t('console.accounts.school_hint')}
            values={shown}
            errors={errors}
            options={[
              { value: '', label: '—' },
              ...schoolRows.map((school) => ({ value: school.id, label: school.name })),
            ]}
          />
        )}
        {schoolClasses.length > 0 && (
          <SelectField
            name="classId"
            label={t('console.accounts.teaches')}
            hint={t('console.accounts.teaches_hint')}
            values={shown}
            errors={errors}
            options={[
              { value: '', label: '—' },
              ...schoolClasses.map((row) => ({ value: row.id, label: row.name })),
            ]}
          />
        )}
        <TextField
          name="password"
          type="password"
          label={t('console.accounts.initial_password')}
          hint={t('console.accounts.password_rule')}
          errors={errors}
          autocomplete="new-password"
          required
        />
        <p>
          <button type="submit">{t('console.accounts.create')}</button>
        </p>
      </form>
    </Layout>
  );
}
