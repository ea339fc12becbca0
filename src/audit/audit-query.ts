import { and, asc, desc, eq, gte, inArray, isNull, like, lt, ne, or, type SQL } from 'drizzle-orm';
import type { StaffActor } from '../auth/staff-actor.js';
import { auditLog, schools, staffAccounts } from '../db/schema.js';
import type { AppDeps } from '../platform/ports.js';
import { startOfLocalDay } from '../util/local-time.js';

export interface AuditFilters {
  /** An exact action (`class.view`), or a group ending in a dot (`account.`); empty for all. */
  action: string;
  /** A staff account id; empty for everyone. */
  actor: string;
  /** `YYYY-MM-DD` in the deployment's time zone; empty for no bound. */
  from: string;
  to: string;
}

export type AuditRow = typeof auditLog.$inferSelect;

/** The events a reader may see: their school's, or for the district officer the district's and its schools'. */
function scopeOf(deps: AppDeps, actor: StaffActor): SQL | undefined {
  const { db } = deps.database;
  if (actor.role !== 'district_officer') return eq(auditLog.schoolId, actor.schoolId ?? '');
  return or(
    inArray(
      auditLog.schoolId,
      db
        .select({ id: schools.id })
        .from(schools)
        .where(eq(schools.districtId, actor.districtId ?? '')),
    ),
    // Events that belong to no school: the district's own staff (log-ins, accounts, catalogues), and
    // chat users and unknown log-ins, who cannot be placed anywhere else.
    and(
      isNull(auditLog.schoolId),
      or(
        ne(auditLog.actorType, 'staff'),
        inArray(
          auditLog.actorId,
          db
            .select({ id: staffAccounts.id })
            .from(staffAccounts)
            .where(eq(staffAccounts.districtId, actor.districtId ?? '')),
        ),
      ),
    ),
  );
}

/** Newest first, at most `limit` rows. Dates are whole days in TIME_ZONE. */
export async function queryAudit(
  deps: AppDeps,
  actor: StaffActor,
  filters: AuditFilters,
  limit: number,
): Promise<AuditRow[]> {
  const where: (SQL | undefined)[] = [scopeOf(deps, actor)];
  if (filters.action.endsWith('.')) where.push(like(auditLog.action, `${filters.action}%`));
  else if (filters.action) where.push(eq(auditLog.action, filters.action));
  if (filters.actor) where.push(eq(auditLog.actorId, filters.actor));
  const from = startOfLocalDay(filters.from, deps.config.TIME_ZONE);
  const to = startOfLocalDay(filters.to, deps.config.TIME_ZONE);
  if (Number.isFinite(from)) where.push(gte(auditLog.at, from));
  if (Number.isFinite(to)) where.push(lt(auditLog.at, to + 86_400_000));
  return deps.database.db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
}

/** The actions that occur in the reader's scope, for the filter's list. */
export async function actionsInScope(deps: AppDeps, actor: StaffActor): Promise<string[]> {
  const rows = await deps.database.db
    .selectDistinct({ action: auditLog.action })
    .from(auditLog)
    .where(scopeOf(deps, actor))
    .orderBy(asc(auditLog.action));
  return rows.map((row) => row.action);
}

/** The staff accounts a reader may filter by: their school's, or the whole district's. */
export async function staffInScope(deps: AppDeps, actor: StaffActor) {
  const { db } = deps.database;
  return db
    .select({
      id: staffAccounts.id,
      displayName: staffAccounts.displayName,
      username: staffAccounts.username,
    })
    .from(staffAccounts)
    .where(
      actor.role === 'district_officer'
        ? eq(staffAccounts.districtId, actor.districtId ?? '')
        : eq(staffAccounts.schoolId, actor.schoolId ?? ''),
    )
    .orderBy(asc(staffAccounts.displayName));
}
