import { auditLog } from '../db/schema.js';
import type { AppDeps } from '../platform/ports.js';

export interface AuditEntry {
  actorType: 'staff' | 'guardian' | 'anonymous' | 'system';
  actorId?: string | null;
  /** Dotted verb, e.g. `auth.login`, `roster.import`, `binding.create`, `student.view`. */
  action: string;
  targetType?: string;
  targetId?: string | null;
  schoolId?: string | null;
  details?: Record<string, unknown>;
  ip?: string | null;
}

/** The insert for an audit entry, to be committed in the same atomic write as the change it describes. */
export function auditStatement(deps: Pick<AppDeps, 'database' | 'clock'>, entry: AuditEntry) {
  return deps.database.db.insert(auditLog).values({
    at: deps.clock.now(),
    actorType: entry.actorType,
    actorId: entry.actorId ?? null,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    schoolId: entry.schoolId ?? null,
    details: entry.details ? JSON.stringify(entry.details) : null,
    ip: entry.ip ?? null,
  });
}

/** Writes an audit entry on its own (for reads and failed attempts, which change nothing else). */
export async function audit(deps: Pick<AppDeps, 'database' | 'clock'>, entry: AuditEntry): Promise<void> {
  await auditStatement(deps, entry);
}
