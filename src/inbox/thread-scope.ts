import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { StaffActor } from '../auth/staff-actor.js';
import { inboxThreads } from '../db/schema.js';

/**
 * The threads a staff member answers, as a query condition: the same rule as canAnswerThread in
 * src/auth/permissions.ts, so a list never loads a thread its reader could not open.
 */
export function threadsVisibleTo(actor: StaffActor): SQL {
  switch (actor.role) {
    case 'class_teacher':
      // A teacher's own classes: a handful of ids, far below D1's parameter limit.
      return actor.classIds.length > 0 && actor.schoolId
        ? (and(
            eq(inboxThreads.audience, 'class'),
            eq(inboxThreads.schoolId, actor.schoolId),
            inArray(inboxThreads.classId, [...actor.classIds]),
          ) ?? sql`0`)
        : sql`0`;
    case 'school_officer':
      return actor.schoolId
        ? (and(eq(inboxThreads.audience, 'class'), eq(inboxThreads.schoolId, actor.schoolId)) ?? sql`0`)
        : sql`0`;
    case 'district_officer':
      return actor.districtId
        ? (and(eq(inboxThreads.audience, 'district'), eq(inboxThreads.districtId, actor.districtId)) ??
            sql`0`)
        : sql`0`;
    default:
      return sql`0`;
  }
}
