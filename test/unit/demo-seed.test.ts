import { afterEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/auth/password.js';
import { guardians, schools, staffAccounts, students } from '../../src/db/schema.js';
import { DEMO_PASSWORD, seedDemoSchool } from '../../src/demo/seed-demo-school.js';
import { makeTestDeps } from '../support/test-deps.js';

describe('demo school', () => {
  let harness: ReturnType<typeof makeTestDeps> | undefined;
  afterEach(() => harness?.close());

  it('seeds a primary and a junior secondary school once, all marked as demo', async () => {
    harness = makeTestDeps();
    expect(await seedDemoSchool(harness.deps)).toBe(true);
    expect(await seedDemoSchool(harness.deps)).toBe(false);
    const { db } = harness.deps.database;
    const seededSchools = await db.select().from(schools);
    expect(seededSchools.map((school) => school.stage).sort()).toEqual(['junior_secondary', 'primary']);
    expect(seededSchools.every((school) => school.isDemo && school.name.includes('演示'))).toBe(true);
    expect((await db.select().from(students)).length).toBeGreaterThanOrEqual(4);
    expect((await db.select().from(guardians)).length).toBeGreaterThanOrEqual(4);
    const staff = await db.select().from(staffAccounts);
    expect(staff.map((account) => account.role).sort()).toEqual([
      'class_teacher',
      'district_officer',
      'school_officer',
    ]);
    expect(await verifyPassword(DEMO_PASSWORD, staff[0]!.passwordHash)).toBe(true);
    expect(await verifyPassword('wrong', staff[0]!.passwordHash)).toBe(false);
  });
});
