import { hashPassword } from '../../src/auth/password.js';
import { classes, districts, schools, staffAccounts, staffClasses } from '../../src/db/schema.js';
import type { AppDeps } from '../../src/platform/ports.js';

export const TEST_PASSWORD = 'correct-horse-battery';

/**
 * A school whose class names match the roster fixtures in test/fixtures/roster (三年级(1)班, 三年级(2)班, 四年级(1)班),
 * with an aid officer and the class teacher of 三年级(2)班.
 */
export async function createTestSchool(deps: AppDeps) {
  const { db } = deps.database;
  const now = deps.clock.now();
  const passwordHash = await hashPassword(TEST_PASSWORD);
  await deps.database.atomic([
    db.insert(districts).values({ id: 'd1', name: '测试县', createdAt: now }),
    db.insert(schools).values({
      id: 'sch1',
      districtId: 'd1',
      name: '测试小学',
      stage: 'primary',
      ownership: 'public',
      residence: 'rural',
      createdAt: now,
    }),
    db.insert(classes).values(
      [
        { id: 'c31', grade: 3, name: '三年级(1)班' },
        { id: 'c32', grade: 3, name: '三年级(2)班' },
        { id: 'c41', grade: 4, name: '四年级(1)班' },
      ].map((row) => ({
        ...row,
        schoolId: 'sch1',
        schoolYear: '2026-2027',
        term: 'autumn' as const,
        createdAt: now,
      })),
    ),
    db.insert(staffAccounts).values([
      {
        id: 'officer1',
        username: 'officer1',
        displayName: '资助专干',
        role: 'school_officer',
        schoolId: 'sch1',
        districtId: 'd1',
        passwordHash,
        createdAt: now,
      },
      {
        id: 'teacher32',
        username: 'teacher32',
        displayName: '三(2)班主任',
        role: 'class_teacher',
        schoolId: 'sch1',
        districtId: 'd1',
        passwordHash,
        createdAt: now,
      },
    ]),
    db.insert(staffClasses).values({ staffId: 'teacher32', classId: 'c32' }),
  ]);
}
