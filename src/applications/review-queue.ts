import { and, asc, count, eq, inArray, type SQL } from 'drizzle-orm';
import type { StaffActor } from '../auth/staff-actor.js';
import { applications, classes, schools, students } from '../db/schema.js';
import type { AppDeps } from '../platform/ports.js';
import { APPLICATION_STATUSES, type ApplicationStatus, waitingFor } from './review-chain.js';

export interface QueueFilters {
  /** A status, `waiting` (what waits for this person's role, the default) or `all`. */
  status: ApplicationStatus | 'waiting' | 'all';
  classId?: string;
  programmeId?: string;
}

export interface QueueRow {
  id: string;
  studentName: string;
  className: string;
  programmeId: string;
  status: ApplicationStatus;
  tier: string | null;
  amount: number | null;
  submittedAt: number | null;
}

/** Where this person may look: a teacher's own classes, a school's staff their school, the district its schools. */
function scopeOf(actor: StaffActor): SQL | undefined {
  if (actor.role === 'district_officer')
    return actor.districtId ? eq(schools.districtId, actor.districtId) : eq(applications.id, '');
  if (!actor.schoolId) return eq(applications.id, '');
  if (actor.role === 'class_teacher')
    return and(
      eq(applications.schoolId, actor.schoolId),
      actor.classIds.length > 0
        ? inArray(applications.classId, [...actor.classIds])
        : eq(applications.id, ''),
    );
  return eq(applications.schoolId, actor.schoolId);
}

/**
 * The review queue: applications in this person's scope that were submitted (drafts are the family's own),
 * filtered; and a count per status for the tabs. Staff see names as on their class pages; ID numbers never.
 */
export async function reviewQueue(deps: Pick<AppDeps, 'database'>, actor: StaffActor, filters: QueueFilters) {
  const { db } = deps.database;
  const visible = and(
    scopeOf(actor),
    inArray(
      applications.status,
      APPLICATION_STATUSES.filter((status) => status !== 'draft'),
    ),
  );
  const statuses =
    filters.status === 'waiting'
      ? waitingFor(actor.role)
      : filters.status === 'all'
        ? null
        : [filters.status];
  const where = and(
    visible,
    statuses === null
      ? undefined
      : statuses.length === 0
        ? eq(applications.id, '')
        : inArray(applications.status, statuses),
    filters.classId ? eq(applications.classId, filters.classId) : undefined,
    filters.programmeId ? eq(applications.programmeId, filters.programmeId) : undefined,
  );
  const rows = await db
    .select({
      id: applications.id,
      studentName: students.name,
      className: classes.name,
      programmeId: applications.programmeId,
      status: applications.status,
      tier: applications.tier,
      amount: applications.amount,
      submittedAt: applications.submittedAt,
    })
    .from(applications)
    .innerJoin(schools, eq(schools.id, applications.schoolId))
    .innerJoin(students, eq(students.id, applications.studentId))
    .innerJoin(classes, eq(classes.id, applications.classId))
    .where(where)
    .orderBy(asc(applications.submittedAt))
    .limit(500);
  const counted = await db
    .select({ status: applications.status, count: count() })
    .from(applications)
    .innerJoin(schools, eq(schools.id, applications.schoolId))
    .where(visible)
    .groupBy(applications.status);
  const counts = new Map<ApplicationStatus, number>(counted.map((row) => [row.status, row.count]));
  const waiting = waitingFor(actor.role).reduce((sum, status) => sum + (counts.get(status) ?? 0), 0);
  const classOptions = await db
    .selectDistinct({ id: classes.id, name: classes.name })
    .from(applications)
    .innerJoin(schools, eq(schools.id, applications.schoolId))
    .innerJoin(classes, eq(classes.id, applications.classId))
    .where(visible)
    .orderBy(asc(classes.name));
  return {
    rows: rows as QueueRow[],
    counts,
    waiting,
    classOptions,
  };
}
