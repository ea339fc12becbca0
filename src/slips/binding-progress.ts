import { and, count, eq, isNull, sql } from 'drizzle-orm';
import type { StaffActor } from '../auth/staff-actor.js';
import { guardianBindings, schools, students } from '../db/schema.js';
import type { AppDeps } from '../platform/ports.js';

export interface BindingProgress {
  bound: number;
  total: number;
}

/**
 * Students with at least one bound guardian, and all students, per class of the actor's school (or district).
 * One grouped query scoped by school or district rather than by a list of class ids (D1 caps parameters).
 */
export async function bindingProgress(
  deps: AppDeps,
  actor: StaffActor,
): Promise<Map<string, BindingProgress>> {
  const { db } = deps.database;
  const bound = sql<number>`sum(exists (select 1 from ${guardianBindings} where ${and(
    eq(guardianBindings.studentId, students.id),
    isNull(guardianBindings.revokedAt),
  )}))`;
  const scope =
    actor.role === 'district_officer'
      ? eq(schools.districtId, actor.districtId ?? '')
      : eq(students.schoolId, actor.schoolId ?? '');
  const rows = await db
    .select({ classId: students.classId, total: count(), bound })
    .from(students)
    .innerJoin(schools, eq(schools.id, students.schoolId))
    .where(scope)
    .groupBy(students.classId);
  return new Map(
    rows.map((row) => [row.classId, { bound: Number(row.bound ?? 0), total: Number(row.total) }]),
  );
}
