import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { guardians, staffAccounts, students } from '../../src/db/schema.js';
import {
  auditRows,
  demoOfficer,
  makeSecurityWorld,
  rosterCsv,
  type SecurityWorld,
  type StaffAgent,
} from '../support/security-fixtures.js';

// Issue 7, defect 9: a double click, a second tab or a script sending the same form 100 times at once.
describe('double submits', { timeout: 60_000 }, () => {
  let world: SecurityWorld;
  let officer: StaffAgent;
  beforeEach(async () => {
    world = await makeSecurityWorld();
    officer = await demoOfficer(world.fetcher);
  });
  afterEach(() => world.harness.close());

  it('100 parallel creations of one account: one is created, 99 get 409 username_taken, one audit row', async () => {
    await officer.get('/console/accounts');
    const form = {
      username: 'twice-made',
      displayName: '新老师',
      role: 'class_teacher',
      password: 'new-password-1',
    };
    const responses = await Promise.all(
      Array.from({ length: 100 }, () => officer.post('/console/accounts', form)),
    );
    expect(responses.filter((response) => response.status === 200)).toHaveLength(1);
    const refused = responses.filter((response) => response.status === 409);
    expect(refused).toHaveLength(99);
    for (const response of refused) expect(response.headers.get('x-error-code')).toBe('username_taken');
    const rows = await world.deps.database.db
      .select()
      .from(staffAccounts)
      .where(eq(staffAccounts.username, 'twice-made'));
    expect(rows).toHaveLength(1);
    expect(await auditRows(world, 'account.create')).toHaveLength(1);
  });

  it('100 parallel confirms of one roster import: one commits, 99 get 409, no duplicates', async () => {
    await officer.get('/console/import');
    const file = rosterCsv([
      ['三年级二班', 'D20230401', '周小雨', '周大山', '父亲', '13800000401'],
      ['三年级二班', 'D20230402', '吴小风', '吴妈妈', '母亲', '13800000402'],
    ]);
    const preview = await (await officer.post('/console/import', { file })).text();
    const importId = preview.match(/\/console\/import\/(imp_[a-z0-9]+)\/confirm/)?.[1];
    expect(importId).toBeDefined();
    const guardiansBefore = await world.deps.database.db.$count(guardians);
    const responses = await Promise.all(
      Array.from({ length: 100 }, () => officer.post(`/console/import/${importId}/confirm`)),
    );
    expect(responses.filter((response) => response.status === 200)).toHaveLength(1);
    const refused = responses.filter((response) => response.status === 409);
    expect(refused).toHaveLength(99);
    for (const response of refused)
      expect(response.headers.get('x-error-code')).toBe('import_already_confirmed');
    expect(await auditRows(world, 'roster.import')).toHaveLength(1);
    expect(await world.deps.database.db.$count(guardians)).toBe(guardiansBefore + 2);
    expect(await world.deps.database.db.$count(students, eq(students.studentNumber, 'D20230401'))).toBe(1);
  });
});
