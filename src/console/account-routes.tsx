import { and, asc, eq } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { auditStatement } from '../audit/audit-log.js';
import { hashPassword } from '../auth/password.js';
import { canManageAccount, canManageAccounts } from '../auth/permissions.js';
import { STAFF_ROLES, type StaffActor, type StaffRole } from '../auth/staff-actor.js';
import { classes, schools, staffAccounts, staffClasses, staffSessions } from '../db/schema.js';
import { abortUnlessChanged, isWriteConflict } from '../db/write-guard.js';
import { clientIp } from '../http/client-ip.js';
import type { AppDeps, AtomicStatement } from '../platform/ports.js';
import { newId } from '../util/ids.js';
import { rateLimiter } from '../util/rate-limit.js';
import { type ConsoleEnv, ERROR_CODE_HEADER } from './console-env.js';
import { forbidden, notFound } from './denied-page.js';
import { CsrfField, Layout } from './layout.js';

const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,39}$/);
const password = z.string().min(10).max(200);
const createForm = z.object({
  username,
  displayName: z.string().trim().min(1).max(50),
  role: z.enum(STAFF_ROLES),
  password,
  classId: z.string().optional(),
});

/** Roles a school officer may hand out; district roles are the district officer's to give. */
function assignableRoles(actor: StaffActor): readonly StaffRole[] {
  return actor.role === 'district_officer'
    ? STAFF_ROLES
    : STAFF_ROLES.filter((role) => role !== 'district_officer');
}

/** Staff accounts: create, reset a password, change a role, disable or enable. Officers only. */
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

  const render = async (
    c: Context<ConsoleEnv>,
    message?: { text: string; good: boolean },
    status: 200 | 400 | 409 = 200,
  ) => {
    const actor = c.get('actor')!;
    const accounts = await list(actor);
    const schoolClasses = actor.schoolId
      ? await db
          .select()
          .from(classes)
          .where(eq(classes.schoolId, actor.schoolId))
          .orderBy(asc(classes.grade))
      : [];
    return c.html(
      <AccountsPage c={c} accounts={accounts} schoolClasses={schoolClasses} message={message} />,
      status,
    );
  };

  routes.get('/', (c) => render(c));

  routes.post('/', async (c) => {
    const actor = c.get('actor')!;
    const t = c.get('t');
    const parsed = createForm.safeParse(await c.req.parseBody());
    if (!parsed.success || !assignableRoles(actor).includes(parsed.data.role)) {
      return render(c, { text: t('console.accounts.invalid'), good: false }, 400);
    }
    const form = parsed.data;
    const [taken] = await db
      .select({ id: staffAccounts.id })
      .from(staffAccounts)
      .where(eq(staffAccounts.username, form.username));
    const usernameTaken = () => {
      c.header(ERROR_CODE_HEADER, 'username_taken');
      return render(c, { text: t('console.accounts.taken'), good: false }, 409);
    };
    if (taken) return usernameTaken();
    // Hashing the password is the slow part: claim the username first with one atomic count, so of many
    // identical submits only one pays for it and the others answer 409 at once.
    const claims = rateLimiter(deps, { limit: 1, windowMs: 60_000 });
    const claimKey = `account-create:${form.username}`;
    if (!(await claims.attempt(claimKey)).allowed) return usernameTaken();
    try {
      return await createAccount(c, form, usernameTaken);
    } finally {
      await claims.clear(claimKey);
    }
  });

  const createAccount = async (
    c: Context<ConsoleEnv>,
    form: z.infer<typeof createForm>,
    usernameTaken: () => Response | Promise<Response>,
  ) => {
    const actor = c.get('actor')!;
    const t = c.get('t');
    const schoolId = form.role === 'district_officer' ? null : actor.schoolId;
    if (!schoolId && form.role !== 'district_officer')
      return render(c, { text: t('console.accounts.invalid'), good: false }, 400);
    const [school] = schoolId ? await db.select().from(schools).where(eq(schools.id, schoolId)) : [];
    const id = newId('st_');
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
    if (form.role === 'class_teacher' && form.classId) {
      const [taught] = await db
        .select()
        .from(classes)
        .where(and(eq(classes.id, form.classId), eq(classes.schoolId, schoolId ?? '')));
      if (taught) statements.push(db.insert(staffClasses).values({ staffId: id, classId: taught.id }));
    }
    try {
      await deps.database.atomic(statements);
    } catch (error) {
      if (isWriteConflict(error)) return usernameTaken();
      throw error;
    }
    return render(c, { text: t('console.accounts.created', { username: form.username }), good: true });
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
    const parsed = password.safeParse((await c.req.parseBody()).password);
    if (!parsed.success) return render(c, { text: t('console.accounts.password_rule'), good: false }, 400);
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
      text: t('console.accounts.password_done', { username: account.username }),
      good: true,
    });
  });

  routes.post('/:accountId/role', async (c) => {
    const { account, response } = await target(c);
    if (!account) return response;
    const actor = c.get('actor')!;
    const t = c.get('t');
    const role = z.enum(STAFF_ROLES).safeParse((await c.req.parseBody()).role);
    if (!role.success || !assignableRoles(actor).includes(role.data)) {
      return render(c, { text: t('console.accounts.invalid'), good: false }, 400);
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
    return render(c, { text: t('console.accounts.role_done', { username: account.username }), good: true });
  });

  for (const [path, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    routes.post(`/:accountId/${path}`, async (c) => {
      const { account, response } = await target(c);
      if (!account) return response;
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
        text: c.get('t')(`console.accounts.${path}_done`, { username: account.username }),
        good: true,
      });
    });
  }

  return routes;
}

function AccountsPage({
  c,
  accounts,
  schoolClasses,
  message,
}: {
  c: Context<ConsoleEnv>;
  accounts: (typeof staffAccounts.$inferSelect)[];
  schoolClasses: (typeof classes.$inferSelect)[];
  message?: { text: string; good: boolean } | undefined;
}) {
  const t = c.get('t');
  const actor = c.get('actor')!;
  const roles = assignableRoles(actor);
  return (
    <Layout t={t} locale={c.get('locale')} actor={actor} title={t('console.accounts.title')}>
      {message && <p class={message.good ? 'banner good' : 'banner'}>{message.text}</p>}
      <table>
        <thead>
          <tr>
            <th>{t('console.accounts.username')}</th>
            <th>{t('console.accounts.name')}</th>
            <th>{t('console.accounts.role')}</th>
            <th>{t('console.accounts.status')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => {
            const self = account.id === actor.id;
            return (
              <tr data-account={account.username}>
                <td>{account.username}</td>
                <td>{account.displayName}</td>
                <td>{t(`console.role.${account.role}`)}</td>
                <td>{account.disabled ? t('console.accounts.disabled') : t('console.accounts.active')}</td>
                <td>
                  {!self && (
                    <>
                      <form class="inline" method="post" action={`/console/accounts/${account.id}/password`}>
                        <CsrfField actor={actor} />
                        <input
                          type="password"
                          name="password"
                          placeholder={t('console.accounts.new_password')}
                          minlength={10}
                          required
                        />{' '}
                        <button type="submit" class="secondary">
                          {t('console.accounts.reset')}
                        </button>
                      </form>{' '}
                      <form class="inline" method="post" action={`/console/accounts/${account.id}/role`}>
                        <CsrfField actor={actor} />
                        <select name="role">
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
      <h2>{t('console.accounts.new')}</h2>
      <form method="post" action="/console/accounts" class="card">
        <CsrfField actor={actor} />
        <label for="username">{t('console.accounts.username')}</label>
        <input type="text" id="username" name="username" required />
        <label for="displayName">{t('console.accounts.name')}</label>
        <input type="text" id="displayName" name="displayName" required />
        <label for="role">{t('console.accounts.role')}</label>
        <select id="role" name="role">
          {roles.map((role) => (
            <option value={role}>{t(`console.role.${role}`)}</option>
          ))}
        </select>
        {schoolClasses.length > 0 && (
          <>
            <label for="classId">{t('console.accounts.teaches')}</label>
            <select id="classId" name="classId">
              <option value="">—</option>
              {schoolClasses.map((row) => (
                <option value={row.id}>{row.name}</option>
              ))}
            </select>
          </>
        )}
        <label for="password">{t('console.accounts.initial_password')}</label>
        <input type="password" id="password" name="password" minlength={10} required />
        <p class="muted">{t('console.accounts.password_rule')}</p>
        <button type="submit">{t('console.accounts.create')}</button>
      </form>
    </Layout>
  );
}
