import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import { bindingCodes, guardianBindings, students } from '../db/schema.js';
import type { AppDeps } from '../platform/ports.js';
import type { SlipCandidate } from './choose-students.js';

/** Every student of a class with whether someone is bound and whether a slip is still open (one query, D1-safe). */
export async function slipCandidates(deps: AppDeps, classId: string): Promise<SlipCandidate[]> {
  const now = deps.clock.now();
  const rows = await deps.database.db
    .select({
      id: students.id,
      bound: sql<number>`exists (select 1 from ${guardianBindings} where ${and(
        eq(guardianBindings.studentId, students.id),
        isNull(guardianBindings.revokedAt),
      )})`,
      hasOpenCode: sql<number>`exists (select 1 from ${bindingCodes} where ${and(
        eq(bindingCodes.studentId, students.id),
        isNull(bindingCodes.usedAt),
        isNull(bindingCodes.revokedAt),
        gt(bindingCodes.expiresAt, now),
      )})`,
    })
    .from(students)
    .where(eq(students.classId, classId))
    .orderBy(asc(students.studentNumber));
  return rows.map((row) => ({
    id: row.id,
    bound: Boolean(row.bound),
    hasOpenCode: Boolean(row.hasOpenCode),
  }));
}
