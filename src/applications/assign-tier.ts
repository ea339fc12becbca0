import { and, eq } from 'drizzle-orm';
import { auditStatement } from '../audit/audit-log.js';
import type { StaffActor } from '../auth/staff-actor.js';
import { applications } from '../db/schema.js';
import { abortUnlessChanged, isWriteConflict } from '../db/write-guard.js';
import type { AppDeps } from '../platform/ports.js';
import { resolveCatalog } from '../policy-api/index.js';
import { canAssignTier, canViewApplication } from './application-access.js';
import type { LoadedApplication } from './load-application.js';
import { localDay } from './publicity-period.js';
import { tierOptions } from './tier-options.js';

export type AssignTierResult =
  | { ok: true; tier: string; amount: number }
  | { ok: false; reason: 'not_found' | 'forbidden' | 'unknown_tier' | 'conflict' };

/**
 * Sets the 档次 and yearly amount from the catalogue's options for the programme (today's standard), as one
 * guarded write with its audit entry: a change made meanwhile by someone else makes this one fail, not overwrite.
 */
export async function assignTier(
  deps: AppDeps,
  actor: StaffActor,
  loaded: LoadedApplication,
  tierId: string,
  ip: string | null,
): Promise<AssignTierResult> {
  const { application } = loaded;
  if (!canViewApplication(actor, loaded.scope) || application.status === 'draft')
    return { ok: false, reason: 'not_found' };
  if (!canAssignTier(actor, loaded.scope, application.status)) return { ok: false, reason: 'forbidden' };
  const resolved = await resolveCatalog(deps, application.catalogId);
  const day = localDay(deps.clock.now(), deps.config.TIME_ZONE).date;
  const option = resolved
    ? tierOptions(resolved.catalog, application.programmeId, day, deps.config.DEFAULT_LOCALE).find(
        (item) => item.id === tierId,
      )
    : undefined;
  if (!option) return { ok: false, reason: 'unknown_tier' };
  const { db } = deps.database;
  try {
    await deps.database.atomic([
      db
        .update(applications)
        .set({
          tier: option.label,
          amount: option.amount,
          revision: application.revision + 1,
          updatedAt: deps.clock.now(),
        })
        .where(and(eq(applications.id, application.id), eq(applications.revision, application.revision))),
      abortUnlessChanged(db),
      auditStatement(deps, {
        actorType: 'staff',
        actorId: actor.id,
        action: 'application.tier',
        targetType: 'application',
        targetId: application.id,
        schoolId: application.schoolId,
        details: { tier: option.label, amount: option.amount },
        ip,
      }),
    ]);
  } catch (error) {
    if (isWriteConflict(error)) return { ok: false, reason: 'conflict' };
    throw error;
  }
  return { ok: true, tier: option.label, amount: option.amount };
}
