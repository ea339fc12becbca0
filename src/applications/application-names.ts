import { eq } from 'drizzle-orm';
import { classes, schools, students } from '../db/schema.js';
import type { AppDeps } from '../platform/ports.js';

/** The child's name, class and school as the roster has them, for the guardian's own confirmation. */
export async function loadApplicationNames(
  deps: Pick<AppDeps, 'database'>,
  application: { studentId: string },
): Promise<{ childName: string; className: string; schoolName: string }> {
  const [row] = await deps.database.db
    .select({ childName: students.name, className: classes.name, schoolName: schools.name })
    .from(students)
    .innerJoin(classes, eq(classes.id, students.classId))
    .innerJoin(schools, eq(schools.id, students.schoolId))
    .where(eq(students.id, application.studentId))
    .limit(1);
  return row ?? { childName: '', className: '', schoolName: '' };
}
