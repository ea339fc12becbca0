import { and, eq, gt } from 'drizzle-orm';
import { audit, auditStatement } from '../audit/audit-log.js';
import { schools, staffAccounts, staffClasses, staffSessions } from '../db/schema.js';
import type { AppDeps } from '../platform/ports.js';
import { newSecret, sha256Hex } from '../util/ids.js';
import { isAuditedRefusal, rateLimiter } from '../util/rate-limit.js';
import { hashPassword, verifyPassword } from './password.js';
import type { StaffActor } from './staff-actor.js';

// Locks are per account, so one school network (one NAT address) is never locked out as a whole. 5 tries,
// then a 15-minute lock; every further lock in a row doubles, up to a day. Only attempts on unknown usernames
// are also limited per address: they cannot lock anyone out, and they cost a password hash each.
const PER_ACCOUNT = { limit: 5, windowMs: 15 * 60_000, maxWindowMs: 24 * 60 * 60_000 };
const UNKNOWN_USERNAMES_PER_ADDRESS = { limit: 30, windowMs: 15 * 60_000 };

let dummyHash: Promise<string> | undefined;
const timingDummyHash = () => {
  dummyHash ??= hashPassword('not a real password: only for equal timing');
  return dummyHash;
};

export type LoginResult =
  | { ok: true; token: string; expiresAt: number }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; retryAt: number };

/**
 * Checks a password. The attempt is counted (one atomic increment) before the password is hashed, so no
 * burst of parallel tries gets past the limit; failures are audited, refusals in aggregate.
 */
export async function logIn(
  deps: AppDeps,
  username: string,
  password: string,
  ip: string | null,
): Promise<LoginResult> {
  const name = username.trim().toLowerCase();
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
  // Unknown usernames get a counter of their own too, so they lock exactly like real ones and the lock
  // does not tell which usernames exist.
  const perAccount = rateLimiter(deps, PER_ACCOUNT);
  const accountKey = `login:${name}`;
  const accountAttempt = await perAccount.attempt(accountKey);
  const addressAttempt = account
    ? null
    : await rateLimiter(deps, UNKNOWN_USERNAMES_PER_ADDRESS).attempt(`login-unknown:${ip ?? 'unknown'}`);
  const refused = !accountAttempt.allowed
    ? { attempt: accountAttempt, limit: PER_ACCOUNT.limit }
    : addressAttempt && !addressAttempt.allowed
      ? { attempt: addressAttempt, limit: UNKNOWN_USERNAMES_PER_ADDRESS.limit }
      : null;
  if (refused) {
    if (isAuditedRefusal(refused.attempt, refused.limit)) {
      await audit(deps, {
        actorType: 'anonymous',
        action: 'auth.login_locked',
        targetType: 'staff',
        targetId: account?.id,
        schoolId: account?.schoolId,
        details: { username: name, refusedSoFar: refused.attempt.count - refused.limit },
        ip,
      });
    }
    return { ok: false, reason: 'locked', retryAt: refused.attempt.resetAt };
  }

  // Unknown and disabled accounts cost the same hashing work, so response time does not reveal usernames.
  const valid =
    (await verifyPassword(password, account?.passwordHash ?? (await timingDummyHash()))) &&
    !!account &&
    !account.disabled;
  if (!account || !valid) {
    // At most `limit` of these per account (or per address for unknown names) in a window.
    await audit(deps, {
      actorType: 'anonymous',
      action: 'auth.login_failed',
      targetType: 'staff',
      targetId: account?.id,
      schoolId: account?.schoolId,
      details: { username: name, disabled: account?.disabled ?? false },
      ip,
    });
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
