import { and, asc, eq, inArray } from 'drizzle-orm';
import { classes } from '../db/schema.js';
import type { AppDeps } from '../platform/ports.js';
import type { Audience } from './notice-content.js';

export interface AudienceClass {
  id: string;
  name: string;
  grade: number;
}

/** The classes of a school an audience covers (unknown or foreign class ids are simply not there). */
export async function audienceClasses(
  deps: Pick<AppDeps, 'database'>,
  schoolId: string,
  audience: Audience,
): Promise<AudienceClass[]> {
  const { db } = deps.database;
  const columns = { id: classes.id, name: classes.name, grade: classes.grade };
  const inSchool = eq(classes.schoolId, schoolId);
  const where =
    audience.scope === 'school'
      ? inSchool
      : audience.scope === 'grades'
        ? and(inSchool, inArray(classes.grade, audience.grades))
        : and(inSchool, inArray(classes.id, audience.classIds));
  return db.select(columns).from(classes).where(where).orderBy(asc(classes.grade), asc(classes.name));
}
