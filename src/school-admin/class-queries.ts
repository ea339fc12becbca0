import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { classes, staffAccounts, staffClasses, students } from '../db/schema.js';
import type { AppDeps } from '../platform/ports.js';

export interface AdminClassRow {
  id: string;
  name: string;
  grade: number;
  schoolYear: string;
  term: 'spring' | 'autumn';
  archivedAt: number | null;
  students: number;
  teachers: { id: string; displayName: string }[];
}

/** A school's classes with how many current students each has and who teaches it. */
export async function schoolClasses(
  deps: AppDeps,
  schoolId: string,
  options: { archived?: boolean } = {},
): Promise<AdminClassRow[]> {
  const { db } = deps.database;
  const rows = await db
    .select({
      id: classes.id,
      name: classes.name,
      grade: classes.grade,
      schoolYear: classes.schoolYear,
      term: classes.term,
      archivedAt: classes.archivedAt,
      students: sql<number>`(select count(*) from ${students} where ${students.classId} = ${classes.id} and ${students.graduatedAt} is null)`,
    })
    .from(classes)
    .where(and(eq(classes.schoolId, schoolId), options.archived ? undefined : isNull(classes.archivedAt)))
    .orderBy(asc(classes.grade), asc(classes.name));
  const ids = rows.map((row) => row.id);
  const teaching =
    ids.length === 0
      ? []
      : await db
          .select({
            classId: staffClasses.classId,
            id: staffAccounts.id,
            displayName: staffAccounts.displayName,
          })
          .from(staffClasses)
          .innerJoin(staffAccounts, eq(staffAccounts.id, staffClasses.staffId))
          .where(and(eq(staffAccounts.schoolId, schoolId), inArray(staffClasses.classId, ids.slice(0, 90))));
  // More than 90 classes: look the rest up in further queries (D1 allows 100 bound values per statement).
  for (let start = 90; start < ids.length; start += 90) {
    teaching.push(
      ...(await db
        .select({
          classId: staffClasses.classId,
          id: staffAccounts.id,
          displayName: staffAccounts.displayName,
        })
        .from(staffClasses)
        .innerJoin(staffAccounts, eq(staffAccounts.id, staffClasses.staffId))
        .where(
          and(
            eq(staffAccounts.schoolId, schoolId),
            inArray(staffClasses.classId, ids.slice(start, start + 90)),
          ),
        )),
    );
  }
  return rows.map((row) => ({
    ...row,
    students: Number(row.students),
    teachers: teaching
      .filter((link) => link.classId === row.id)
      .map((link) => ({ id: link.id, displayName: link.displayName })),
  }));
}
