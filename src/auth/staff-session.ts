import { and, eq, gt } from 'drizzle-orm';
import { auditStatement } from '../audit/audit-log.js';
import { schools, staffAccounts, staffClasses, staffSessions } from '../db/schema.js';
import type { AppDeps } from '../platform/ports.js';
import { newSecret, sha256Hex } from '../util/ids.js';
import { rateLimiter } from '../util/rate-limit.js';
import { hashPassword, verifyPassword } from './password.js';
import type { StaffActor } from './staff-actor.js';

const LOGIN_FAILURES = { limit: 5, windowMs: 15 * 60_000 };
const LOGIN_FAILURES_PER_IP = { limit: 30, windowMs: 15 * 60_000 };

let dummyHash: Promise<string> | undefined;
const timingDummyHash = () => {
  dummyHash ??= hashPassword('not a real password: only for equal timing');
  return dummyHash;
};

export type LoginResult =
  | { ok: true; token: string; expiresAt: number }
  | { ok: false; reason: 'invalid' | 'locked' };

/** Checks a password with per-account and per-address failure limits; every attempt is audited. */
export async function logIn(
  deps: AppDeps,
  username: string,
  password: string,
  ip: string | null,
): Promise<LoginResult> {
  const name = username.trim().toLowerCase();
  const perAccount = rateLimiter(deps, LOGIN_FAILURES);
  const perAddress = rateLimiter(deps, LOGIN_FAILURES_PER_IP);
  const accountKey = `login:${name}`;
  const addressKey = `login-ip:${ip ?? 'unknown'}`;
  const [found] = await deps.database.db
    .select({ account: staffAccounts, schoolClosedAt: schools.closedAt })
    .from(staffAccounts)
    .leftJoin(schools, eq(schools.id, staffAccounts.schoolId))
    .where(eq(staffAccounts.username, name))
    .limit(1);
  // An account of a closed school counts as disabled.
  const account = found
    ? { ...found.account, disabled: found.account.disabled || found.schoolClosedAt !== null }
    : undefined;

  if ((await perAccount.isBlocked(accountKey)) || (await perAddress.isBlocked(addressKey))) {
    await deps.database.atomic([
      auditStatement(deps, {
        actorType: 'anonymous',
        action: 'auth.login_locked',
        targetType: 'staff',
        targetId: account?.id,
        schoolId: account?.schoolId,
        details: { username: name },
        ip,
      }),
    ]);
    return { ok: false, reason: 'locked' };
  }
  // Unknown and disabled accounts cost the same hashing work, so response time does not reveal usernames.
  const valid =
    (await verifyPassword(password, account?.passwordHash ?? (await timingDummyHash()))) &&
    !!account &&
    !account.disabled;
  if (!account || !valid) {
    await perAccount.recordFailure(accountKey);
    await perAddress.recordFailure(addressKey);
    await deps.database.atomic([
      auditStatement(deps, {
        actorType: 'anonymous',
        action: 'auth.login_failed',
        targetType: 'staff',
        targetId: account?.id,
        schoolId: account?.schoolId,
        details: { username: name, disabled: account?.disabled ?? false },
        ip,
      }),
    ]);
    return { ok: false, reason: 'invalid' };
  }
  await perAccount.clear(accountKey);
  const token = newSecret();
  const now = deps.clock.now();
  const expiresAt = now + deps.config.STAFF_SESSION_HOURS * 60 * 60_000;
  await deps.database.atomic([
    deps.database.db.insert(staffSessions).values({
      tokenHash: await sha256Hex(token),
      staffId: account.id,
      csrfToken: newSecret(),
      createdAt: now,
      expiresAt,
    }),
    auditStatement(deps, {
      actorType: 'staff',
      actorId: account.id,
      action: 'auth.login',
      schoolId: account.schoolId,
      ip,
    }),
  ]);
  return { ok: true, token, expiresAt };
}

/** The staff member behind a session cookie, or null when the session is unknown, expired or the account disabled. */
export async function staffActorFor(deps: AppDeps, token: string): Promise<StaffActor | null> {
  const { db } = deps.database;
  const [row] = await db
    .select({ session: staffSessions, account: staffAccounts, schoolClosedAt: schools.closedAt })
    .from(staffSessions)
    .innerJoin(staffAccounts, eq(staffAccounts.id, staffSessions.staffId))
    .leftJoin(schools, eq(schools.id, staffAccounts.schoolId))
    .where(
      and(eq(staffSessions.tokenHash, await sha256Hex(token)), gt(staffSessions.expiresAt, deps.clock.now())),
    )
    .limit(1);
  if (!row || row.account.disabled || row.schoolClosedAt !== null) return null;
  const taught = await db
    .select({ classId: staffClasses.classId })
    .from(staffClasses)
    .where(eq(staffClasses.staffId, row.account.id));
  return {
    kind: 'staff',
    id: row.account.id,
    username: row.account.username,
    displayName: row.account.displayName,
    role: row.account.role,
    schoolId: row.account.schoolId,
    districtId: row.account.districtId,
    classIds: taught.map((item) => item.classId),
    csrfToken: row.session.csrfToken,
  };
}

export async function logOut(
  deps: AppDeps,
  token: string,
  actor: StaffActor,
  ip: string | null,
): Promise<void> {
  await deps.database.atomic([
    deps.database.db.delete(staffSessions).where(eq(staffSessions.tokenHash, await sha256Hex(token))),
    auditStatement(deps, {
      actorType: 'staff',
      actorId: actor.id,
      action: 'auth.logout',
      schoolId: actor.schoolId,
      ip,
    }),
  ]);
}
