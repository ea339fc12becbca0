import { eq } from 'drizzle-orm';
import { applications, classes, schools, students } from '../db/schema.js';
import type { AppDeps } from '../platform/ports.js';
import type { ApplicationScope } from './application-access.js';

export type ApplicationRow = typeof applications.$inferSelect;

export interface LoadedApplication {
  application: ApplicationRow;
  scope: ApplicationScope;
  studentName: string;
  studentNumber: string;
  className: string;
  schoolName: string;
}

/** One application with what permission checks and pages need; null when there is none. */
export async function loadApplication(
  deps: Pick<AppDeps, 'database'>,
  id: string,
): Promise<LoadedApplication | null> {
  if (!/^[a-zA-Z0-9_]{1,64}$/.test(id)) return null;
  const [row] = await deps.database.db
    .select({
      application: applications,
      districtId: schools.districtId,
      schoolName: schools.name,
      studentName: students.name,
      studentNumber: students.studentNumber,
      className: classes.name,
    })
    .from(applications)
    .innerJoin(schools, eq(schools.id, applications.schoolId))
    .innerJoin(students, eq(students.id, applications.studentId))
    .innerJoin(classes, eq(classes.id, applications.classId))
    .where(eq(applications.id, id))
    .limit(1);
  if (!row) return null;
  return {
    application: row.application,
    scope: {
      schoolId: row.application.schoolId,
      districtId: row.districtId,
      classId: row.application.classId,
    },
    studentName: row.studentName,
    studentNumber: row.studentNumber,
    className: row.className,
    schoolName: row.schoolName,
  };
}
