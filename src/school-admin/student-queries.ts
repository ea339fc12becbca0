import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { classes, guardians, studentGuardians, students } from '../db/schema.js';
import type { AppDeps } from '../platform/ports.js';

export interface StudentListRow {
  id: string;
  studentNumber: string;
  name: string;
  boarding: boolean | null;
  classId: string;
  className: string;
  guardians: { id: string; name: string; relation: string; phone: string | null }[];
}

/** A school's current students (graduated ones left out), optionally of one class, with their guardians. */
export async function schoolStudents(
  deps: AppDeps,
  schoolId: string,
  classId?: string,
): Promise<StudentListRow[]> {
  const { db } = deps.database;
  const rows = await db
    .select({
      id: students.id,
      studentNumber: students.studentNumber,
      name: students.name,
      boarding: students.boarding,
      classId: students.classId,
      className: classes.name,
    })
    .from(students)
    .innerJoin(classes, eq(classes.id, students.classId))
    .where(
      and(
        eq(students.schoolId, schoolId),
        isNull(students.graduatedAt),
        classId ? eq(students.classId, classId) : isNull(classes.archivedAt),
      ),
    )
    .orderBy(asc(classes.grade), asc(classes.name), asc(students.studentNumber));
  const links = await guardiansOf(
    deps,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({ ...row, guardians: links.get(row.id) ?? [] }));
}

/** Guardians by student id, looked up 90 ids at a time (D1 binds at most 100 values per statement). */
export async function guardiansOf(deps: AppDeps, studentIds: string[]) {
  const found = new Map<string, StudentListRow['guardians']>();
  for (let start = 0; start < studentIds.length; start += 90) {
    const links = await deps.database.db
      .select({
        studentId: studentGuardians.studentId,
        relation: studentGuardians.relation,
        id: guardians.id,
        name: guardians.name,
        phone: guardians.phone,
      })
      .from(studentGuardians)
      .innerJoin(guardians, eq(guardians.id, studentGuardians.guardianId))
      .where(inArray(studentGuardians.studentId, studentIds.slice(start, start + 90)));
    for (const link of links) {
      const list = found.get(link.studentId) ?? [];
      list.push({ id: link.id, name: link.name, relation: link.relation, phone: link.phone });
      found.set(link.studentId, list);
    }
  }
  return found;
}
