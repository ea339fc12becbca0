import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { auditStatement } from '../audit/audit-log.js';
import type { StaffActor } from '../auth/staff-actor.js';
import { staffAccounts, staffApiTokens, staffClasses, writeGuards } from '../db/schema.js';
import { isWriteConflict } from '../db/write-guard.js';
import type { AppDeps } from '../platform/ports.js';
import { newId, newSecret, sha256Hex } from '../util/ids.js';

/** Tokens start with this, so a leaked one is recognisable (and secret scanners can look for it). */
export const TOKEN_PREFIX = 'mbst_';
export const TOKEN_LIFETIMES_DAYS = [30, 90, 365] as const;
/** Open tokens one person may hold; checked in the same atomic write that adds one. */
export const MAX_OPEN_TOKENS = 10;
/** `last used` is written at most this often per token, so reads do not each cost a write. */
const LAST_USED_PRECISION_MS = 60_000;

export type ApiTokenRow = typeof staffApiTokens.$inferSelect;

export type CreatedToken = { ok: true; token: string; row: ApiTokenRow } | { ok: false; reason: 'too_many' };

/** Makes a token for the actor, shown once; audited as `api_token.create` in the same write. */
export async function createApiToken(
  deps: AppDeps,
  actor: StaffActor,
  input: { label: string; days: (typeof TOKEN_LIFETIMES_DAYS)[number] },
  ip: string | null,
): Promise<CreatedToken> {
  const token = `${TOKEN_PREFIX}${newSecret()}`;
  const now = deps.clock.now();
  const row: ApiTokenRow = {
    id: newId('tok_'),
    staffId: actor.id,
    label: input.label,
    tokenHash: await sha256Hex(token),
    hint: token.slice(0, TOKEN_PREFIX.length + 4),
    role: actor.role,
    createdAt: now,
    expiresAt: now + input.days * 24 * 60 * 60_000,
    lastUsedAt: null,
    revokedAt: null,
  };
  const { db } = deps.database;
  try {
    await deps.database.atomic([
      db.insert(staffApiTokens).values(row),
      // Counted after the insert, inside the same write: two concurrent requests cannot both pass the cap.
      db
        .insert(writeGuards)
        .select(
          sql`select null where (select count(*) from ${staffApiTokens} where ${staffApiTokens.staffId} = ${actor.id} and ${staffApiTokens.revokedAt} is null and ${staffApiTokens.expiresAt} > ${now}) > ${MAX_OPEN_TOKENS}`,
        ),
      auditStatement(deps, {
        actorType: 'staff',
        actorId: actor.id,
        action: 'api_token.create',
        targetType: 'api_token',
        targetId: row.id,
        schoolId: actor.schoolId,
        details: { label: row.label, role: row.role, days: input.days },
        ip,
      }),
    ]);
  } catch (error) {
    if (isWriteConflict(error)) return { ok: false, reason: 'too_many' };
    throw error;
  }
  return { ok: true, token, row };
}

/** The actor's own tokens, newest first (revoked and expired ones too, so the history is visible). */
export async function listApiTokens(deps: AppDeps, staffId: string): Promise<ApiTokenRow[]> {
  return deps.database.db
    .select()
    .from(staffApiTokens)
    .where(eq(staffApiTokens.staffId, staffId))
    .orderBy(desc(staffApiTokens.createdAt))
    .limit(100);
}

/** Revokes one of the actor's own open tokens; false when there is none by that id. Audited. */
export async function revokeApiToken(
  deps: AppDeps,
  actor: StaffActor,
  tokenId: string,
  ip: string | null,
): Promise<boolean> {
  const { db } = deps.database;
  const [changed] = await deps.database.atomic([
    db
      .update(staffApiTokens)
      .set({ revokedAt: deps.clock.now() })
      .where(
        and(
          eq(staffApiTokens.id, tokenId),
          eq(staffApiTokens.staffId, actor.id),
          isNull(staffApiTokens.revokedAt),
        ),
      ),
    auditStatement(deps, {
      actorType: 'staff',
      actorId: actor.id,
      action: 'api_token.revoke',
      targetType: 'api_token',
      targetId: tokenId,
      schoolId: actor.schoolId,
      ip,
    }),
  ]);
  return changed === 1;
}

/**
 * The staff member a bearer token acts for, or null: unknown, revoked or expired token, a disabled account,
 * or an owner whose role changed since the token was made (a token never carries more, or other, rights
 * than the role it was made under).
 */
export async function staffActorForApiToken(
  deps: AppDeps,
  token: string,
): Promise<{ actor: StaffActor; tokenId: string } | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
  const { db } = deps.database;
  const now = deps.clock.now();
  const [row] = await db
    .select({ token: staffApiTokens, account: staffAccounts })
    .from(staffApiTokens)
    .innerJoin(staffAccounts, eq(staffAccounts.id, staffApiTokens.staffId))
    .where(
      and(
        eq(staffApiTokens.tokenHash, await sha256Hex(token)),
        isNull(staffApiTokens.revokedAt),
        gt(staffApiTokens.expiresAt, now),
      ),
    )
    .limit(1);
  if (!row || row.account.disabled || row.account.role !== row.token.role) return null;
  const taught = await db
    .select({ classId: staffClasses.classId })
    .from(staffClasses)
    .where(eq(staffClasses.staffId, row.account.id));
  if (row.token.lastUsedAt === null || now - row.token.lastUsedAt > LAST_USED_PRECISION_MS) {
    await db.update(staffApiTokens).set({ lastUsedAt: now }).where(eq(staffApiTokens.id, row.token.id));
  }
  return {
    tokenId: row.token.id,
    actor: {
      kind: 'staff',
      id: row.account.id,
      username: row.account.username,
      displayName: row.account.displayName,
      role: row.account.role,
      schoolId: row.account.schoolId,
      districtId: row.account.districtId,
      classIds: taught.map((item) => item.classId),
      // The API has no forms and no cookies; a fresh secret nobody is ever shown stands in for the CSRF token.
      csrfToken: newSecret(),
    },
  };
}
