import { and, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import type { ClassScope } from '../auth/permissions.js';
import type { StaffActor } from '../auth/staff-actor.js';
import { classes, schools, staffClasses } from '../db/schema.js';
import type { AppDeps } from '../platform/ports.js';

export interface ClassRow extends ClassScope {
  name: string;
  grade: number;
  schoolYear: string;
  term: 'spring' | 'autumn';
  schoolName: string;
}

const classColumns = {
  id: classes.id,
  schoolId: classes.schoolId,
  districtId: schools.districtId,
  name: classes.name,
  grade: classes.grade,
  schoolYear: classes.schoolYear,
  term: classes.term,
  schoolName: schools.name,
};

export async function loadClass(deps: AppDeps, classId: string): Promise<ClassRow | null> {
  const [row] = await deps.database.db
    .select(classColumns)
    .from(classes)
    .innerJoin(schools, eq(schools.id, classes.schoolId))
    .where(eq(classes.id, classId))
    .limit(1);
  return row ?? null;
}

/** The classes a staff member may see, decided in the query so nothing else is ever loaded. */
export async function visibleClasses(deps: AppDeps, actor: StaffActor): Promise<ClassRow[]> {
  const query = deps.database.db
    .select(classColumns)
    .from(classes)
    .innerJoin(schools, eq(schools.id, classes.schoolId));
  // Archived classes (graduated, merged) leave every list; their rosters stay reachable by the officer.
  const ordered = (where: SQL) =>
    query.where(and(where, isNull(classes.archivedAt))).orderBy(schools.name, classes.grade, classes.name);
  switch (actor.role) {
    case 'class_teacher':
      // A subquery rather than the actor's list of class ids, which has no upper bound.
      return actor.classIds.length > 0
        ? ordered(
            inArray(
              classes.id,
              deps.database.db
                .select({ id: staffClasses.classId })
                .from(staffClasses)
                .where(eq(staffClasses.staffId, actor.id)),
            ),
          )
        : [];
    case 'district_officer':
      return actor.districtId ? ordered(eq(schools.districtId, actor.districtId)) : [];
    default:
      return actor.schoolId ? ordered(eq(classes.schoolId, actor.schoolId)) : [];
  }
}
