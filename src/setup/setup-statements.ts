import { sql } from 'drizzle-orm';
import { auditStatement } from '../audit/audit-log.js';
import { hashPassword } from '../auth/password.js';
import { districts, schools, staffAccounts, writeGuards } from '../db/schema.js';
import type { AppDeps, AtomicStatement } from '../platform/ports.js';
import type { SchoolFields } from '../schools/index.js';
import { newId } from '../util/ids.js';

export interface FirstRun {
  districtName: string;
  username: string;
  displayName: string;
  password: string;
  school: SchoolFields | null;
}

/**
 * The district, its first officer and maybe the first school, as one atomic write. It starts with a guard that
 * aborts everything if any staff account exists by then, so two people submitting setup at the same moment
 * cannot both succeed (D1 batches cannot branch, so the check has to be a failing statement).
 */
export async function firstRunStatements(
  deps: Pick<AppDeps, 'database' | 'clock'>,
  run: FirstRun,
  ip: string | null,
): Promise<{ statements: AtomicStatement[]; districtId: string; staffId: string; schoolId: string | null }> {
  const { db } = deps.database;
  const now = deps.clock.now();
  const districtId = newId('dist_');
  const staffId = newId('st_');
  const schoolId = run.school ? newId('sch_') : null;
  const statements: AtomicStatement[] = [
    db.insert(writeGuards).select(sql`select null where exists (select 1 from ${staffAccounts})`),
    db.insert(districts).values({ id: districtId, name: run.districtName, createdAt: now }),
    db.insert(staffAccounts).values({
      id: staffId,
      username: run.username,
      displayName: run.displayName,
      role: 'district_officer',
      schoolId: null,
      districtId,
      passwordHash: await hashPassword(run.password),
      createdAt: now,
    }),
  ];
  if (run.school && schoolId) {
    statements.push(
      db.insert(schools).values({
        id: schoolId,
        districtId,
        name: run.school.schoolName,
        stage: run.school.stage,
        ownership: run.school.ownership,
        residence: run.school.residence,
        createdAt: now,
      }),
    );
  }
  statements.push(
    auditStatement(deps, {
      actorType: 'anonymous',
      action: 'setup.complete',
      targetType: 'district',
      targetId: districtId,
      details: { district: run.districtName, username: run.username, school: run.school?.schoolName ?? null },
      ip,
    }),
  );
  return { statements, districtId, staffId, schoolId };
}
