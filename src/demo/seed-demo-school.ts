import { hashPassword } from '../auth/password.js';
import {
  classes,
  districts,
  guardians,
  schools,
  staffAccounts,
  staffClasses,
  studentGuardians,
  students,
} from '../db/schema.js';
import type { AppDeps } from '../platform/ports.js';
import { DEMO_SCHOOL } from './demo-school-data.js';

/** The demo accounts' password; printed in the README, refused nowhere because these accounts are demo only. */
export const DEMO_PASSWORD = 'mingbai-demo';

/**
 * Fills an empty database with the demo district (everything flagged is_demo and named "（演示）"),
 * so a newcomer can try Mingbai at once. Does nothing if any district exists.
 */
export async function seedDemoSchool(deps: Pick<AppDeps, 'database' | 'clock' | 'logger'>): Promise<boolean> {
  const { db } = deps.database;
  const existing = await db.select({ id: districts.id }).from(districts).limit(1);
  if (existing.length > 0) return false;

  const now = deps.clock.now();
  const data = DEMO_SCHOOL;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const statements = [
    db.insert(districts).values({ ...data.district, isDemo: true, createdAt: now }),
    db.insert(schools).values(data.schools.map((school) => ({ ...school, isDemo: true, createdAt: now }))),
    db.insert(classes).values(data.classes.map((row) => ({ ...row, createdAt: now }))),
    db.insert(students).values(data.students.map((row) => ({ ...row, createdAt: now, updatedAt: now }))),
    db.insert(guardians).values(data.guardians.map((row) => ({ ...row, createdAt: now }))),
    db.insert(studentGuardians).values(data.links),
    db
      .insert(staffAccounts)
      .values(data.staff.map((row) => ({ ...row, passwordHash, isDemo: true, createdAt: now }))),
    db.insert(staffClasses).values(data.teacherClasses),
  ];
  await deps.database.atomic(statements);
  deps.logger.info('demo school seeded', { schools: data.schools.length, students: data.students.length });
  return true;
}
