import { eq } from 'drizzle-orm';
import type { StaffActor } from '../auth/staff-actor.js';
import { classes, guardians, studentGuardians, students } from '../db/schema.js';
import type { AppDeps } from '../platform/ports.js';
import type { RosterValidationContext } from '../roster/index.js';

/**
 * What a roster file is checked against: the classes this person may fill (a class teacher only their own),
 * and the school's students and guardians as they are now, so a re-import shows nothing new.
 */
export async function rosterContextFor(deps: AppDeps, actor: StaffActor, schoolId: string) {
  const { db } = deps.database;
  const schoolClasses = await db.select().from(classes).where(eq(classes.schoolId, schoolId));
  const allowed =
    actor.role === 'class_teacher'
      ? schoolClasses.filter((row) => actor.classIds.includes(row.id))
      : schoolClasses;
  const existing = await db.select().from(students).where(eq(students.schoolId, schoolId));
  const links =
    existing.length === 0
      ? []
      : await db
          .select({
            studentId: studentGuardians.studentId,
            relation: studentGuardians.relation,
            guardianId: guardians.id,
            name: guardians.name,
            phone: guardians.phone,
          })
          .from(studentGuardians)
          .innerJoin(guardians, eq(guardians.id, studentGuardians.guardianId))
          .innerJoin(students, eq(students.id, studentGuardians.studentId))
          .where(eq(students.schoolId, schoolId));
  const numberOf = new Map(existing.map((row) => [row.id, row.studentNumber]));
  // A class teacher never sees, renames or moves students of classes they do not teach.
  const allowedIds = new Set(allowed.map((row) => row.id));
  const own = existing.filter((row) => allowedIds.has(row.classId));
  const ownIds = new Set(own.map((row) => row.id));
  const context: RosterValidationContext = {
    classes: allowed.map((row) => ({ id: row.id, name: row.name, grade: row.grade })),
    protectedStudentNumbers: existing
      .filter((row) => !allowedIds.has(row.classId))
      .map((row) => row.studentNumber),
    existingStudents: own.map((row) => ({
      studentNumber: row.studentNumber,
      name: row.name,
      classId: row.classId,
    })),
    existingGuardians: links
      .filter((link) => ownIds.has(link.studentId))
      .map((link) => ({
        studentNumber: numberOf.get(link.studentId) ?? '',
        name: link.name,
        relation: link.relation,
        phone: link.phone,
      })),
  };
  return { context, existing, links };
}
