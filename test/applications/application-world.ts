import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../../src/app.js';
import { hashPassword } from '../../src/auth/password.js';
import { staffAccounts, staffClasses } from '../../src/db/schema.js';
import { openSqliteDatabase } from '../../src/platform/node/sqlite-database.js';
import { ChatClient } from '../support/chat-client.js';
import { ConsoleClient } from '../support/console-client.js';
import { familyRows, insertFamilies } from '../support/notice-world.js';
import { makeTestDeps } from '../support/test-deps.js';
import { createTestSchool, TEST_PASSWORD } from '../support/test-school.js';

export const FIXTURES = join(import.meta.dirname, '../fixtures/documents');
export const photo = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));

/** A valid 身份证号 (check digit computed) for a child born 2016-03-05. */
export const CHILD_ID = '11010520160305001X';

/**
 * The school of test/support/test-school.ts with the whole review chain (its class teacher, a leader, a
 * principal and the aid officer), a second school's officer, and bound web-chat families in 三年级(2)班.
 */
export async function makeApplicationWorld(options: { families?: number } = {}) {
  const harness = makeTestDeps({ SEED_DEMO: 'false' });
  const { deps } = harness;
  await createTestSchool(deps);
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const now = deps.clock.now();
  const { db } = deps.database;
  const staff = (
    id: string,
    role: 'school_leader' | 'principal' | 'school_officer' | 'class_teacher',
    schoolId = 'sch1',
  ) => ({
    id,
    username: id,
    displayName: id,
    role,
    schoolId,
    districtId: 'd1',
    passwordHash,
    createdAt: now,
  });
  await deps.database.atomic([
    db
      .insert(staffAccounts)
      .values([
        staff('leader1', 'school_leader'),
        staff('principal1', 'principal'),
        staff('teacher31', 'class_teacher'),
      ]),
    db.insert(staffClasses).values({ staffId: 'teacher31', classId: 'c31' }),
  ]);
  const rows = await familyRows({ count: options.families ?? 2, schoolId: 'sch1', classIds: ['c32'], now });
  await insertFamilies(deps, rows);
  const reopened: ReturnType<typeof openSqliteDatabase>[] = [];
  let app = createApp(deps);
  const fetcher = async (path: string, init?: RequestInit) => app.request(`http://localhost${path}`, init);
  const chatOf = (index: number) => {
    const family = rows.families[index]!;
    const chat = new ChatClient(fetcher);
    chat.conversationId = family.conversationId;
    chat.token = family.token;
    return chat;
  };
  const staffLogin = async (username: string) => {
    const client = new ConsoleClient(fetcher);
    const response = await client.logIn(username, TEST_PASSWORD);
    if (response.status !== 303) throw new Error(`log-in of ${username} failed: ${response.status}`);
    return client;
  };
  return {
    harness,
    deps,
    families: rows.families,
    fetcher,
    chatOf,
    staffLogin,
    /** A new app on the same database file and blob folder: what a server restart leaves. */
    restart() {
      const database = openSqliteDatabase(harness.dbPath);
      reopened.push(database);
      app = createApp({ ...deps, database });
    },
    close: () => {
      for (const database of reopened) database.close();
      harness.close();
    },
  };
}
export type ApplicationWorld = Awaited<ReturnType<typeof makeApplicationWorld>>;
