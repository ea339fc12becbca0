import { asc, eq } from 'drizzle-orm';
import { auditStatement } from '../audit/audit-log.js';
import { displayNameSchema, passwordSchema, roleSchema, usernameSchema } from '../auth/account-rules.js';
import { hashPassword } from '../auth/password.js';
import type { StaffRole } from '../auth/staff-actor.js';
import { districts, rateLimits, schools, staffAccounts, staffSessions } from '../db/schema.js';
import type { AppDeps, AtomicStatement } from '../platform/ports.js';
import { newId, newSecret } from '../util/ids.js';

// What an operator can do from a shell on the server (npm run admin -- …): the same rules as the console,
// audited as the system. Used when nobody can log in any more, or to script a new deployment.

type Deps = Pick<AppDeps, 'database' | 'clock'>;

export class AdminCommandError extends Error {}

export interface CreateAccountInput {
  username: string;
  name: string;
  role: string;
  /** A school id or its exact name; required for every role but district_officer. */
  school?: string | undefined;
  /** The district by id or name; when the database has no district yet, one is created with this name. */
  district?: string | undefined;
  password?: string | undefined;
}

/** A readable password for a first log-in: 16 characters, no look-alikes. */
function generatedPassword(): string {
  return newSecret()
    .replace(/[-_0OIl1]/g, '')
    .slice(0, 16);
}

export async function createAccount(deps: Deps, input: CreateAccountInput) {
  const { db } = deps.database;
  const username = usernameSchema.safeParse(input.username);
  if (!username.success)
    throw new AdminCommandError(
      'username: 3–40 lower-case letters, digits and . _ - (no Chinese, no spaces)',
    );
  const name = displayNameSchema.safeParse(input.name);
  if (!name.success)
    throw new AdminCommandError('name: the person’s name is required (at most 50 characters)');
  const role = roleSchema.safeParse(input.role);
  if (!role.success) throw new AdminCommandError(`role: one of ${roleSchema.options.join(', ')}`);
  const password = input.password ?? generatedPassword();
  if (!passwordSchema.safeParse(password).success)
    throw new AdminCommandError('password: at least 10 characters');
  const [taken] = await db.select().from(staffAccounts).where(eq(staffAccounts.username, username.data));
  if (taken) throw new AdminCommandError(`username ${username.data} is already taken`);

  const now = deps.clock.now();
  const statements: AtomicStatement[] = [];
  let schoolId: string | null = null;
  let districtId: string;
  if (role.data === 'district_officer') {
    const all = await db.select().from(districts);
    const wanted = input.district
      ? all.find((each) => each.id === input.district || each.name === input.district)
      : all.length === 1
        ? all[0]
        : undefined;
    if (wanted) districtId = wanted.id;
    else if (all.length === 0 && input.district) {
      districtId = newId('dist_');
      statements.push(
        db.insert(districts).values({ id: districtId, name: input.district.trim(), createdAt: now }),
      );
    } else {
      throw new AdminCommandError(
        all.length === 0
          ? 'no district yet: add --district "<name of the county>" to create it'
          : `--district: one of ${all.map((each) => `${each.id} (${each.name})`).join(', ')}`,
      );
    }
  } else {
    if (!input.school) throw new AdminCommandError('--school <id or name> is required for this role');
    const [school] = (await db.select().from(schools)).filter(
      (each) => each.id === input.school || each.name === input.school,
    );
    if (!school) throw new AdminCommandError(`no school ${input.school} (see list-accounts for school ids)`);
    schoolId = school.id;
    districtId = school.districtId;
  }
  const id = newId('st_');
  statements.push(
    db.insert(staffAccounts).values({
      id,
      username: username.data,
      displayName: name.data,
      role: role.data as StaffRole,
      schoolId,
      districtId,
      passwordHash: await hashPassword(password),
      createdAt: now,
    }),
    auditStatement(deps, {
      actorType: 'system',
      action: 'account.create',
      targetType: 'staff',
      targetId: id,
      schoolId,
      details: { role: role.data, username: username.data, via: 'cli' },
    }),
  );
  await deps.database.atomic(statements);
  return { id, username: username.data, password, generated: input.password === undefined };
}

export async function resetPassword(deps: Deps, input: { username: string; password?: string | undefined }) {
  const { db } = deps.database;
  const username = input.username.trim().toLowerCase();
  const [account] = await db.select().from(staffAccounts).where(eq(staffAccounts.username, username));
  if (!account) throw new AdminCommandError(`no account ${username}`);
  const password = input.password ?? generatedPassword();
  if (!passwordSchema.safeParse(password).success)
    throw new AdminCommandError('password: at least 10 characters');
  await deps.database.atomic([
    db
      .update(staffAccounts)
      .set({ passwordHash: await hashPassword(password) })
      .where(eq(staffAccounts.id, account.id)),
    // Logged out everywhere, and a lock-out from wrong passwords is lifted.
    db.delete(staffSessions).where(eq(staffSessions.staffId, account.id)),
    db.delete(rateLimits).where(eq(rateLimits.key, `login:${username}`)),
    auditStatement(deps, {
      actorType: 'system',
      action: 'account.password_reset',
      targetType: 'staff',
      targetId: account.id,
      schoolId: account.schoolId,
      details: { via: 'cli' },
    }),
  ]);
  return { username, password, generated: input.password === undefined, disabled: account.disabled };
}

export async function listAccounts(deps: Deps) {
  const { db } = deps.database;
  return db
    .select({
      username: staffAccounts.username,
      name: staffAccounts.displayName,
      role: staffAccounts.role,
      schoolId: staffAccounts.schoolId,
      school: schools.name,
      disabled: staffAccounts.disabled,
    })
    .from(staffAccounts)
    .leftJoin(schools, eq(schools.id, staffAccounts.schoolId))
    .orderBy(asc(staffAccounts.username));
}
