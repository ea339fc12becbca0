import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/password.js';
import { CHILD_ID, FIXTURES } from '../applications/application-world.js';
import { ChatClient } from '../support/chat-client.js';
import { ConsoleClient } from '../support/console-client.js';
import { familiesSql, familyRows, schoolSql } from '../support/notice-world.js';
import { nodeTarget, type Target, workerTarget } from '../support/targets.js';
import { TEST_PASSWORD } from '../support/test-school.js';

// An application on both runtimes: document photos stripped and stored on disk under Node and in R2 under
// workerd, and the same review chain: 20 approvals at once move it once; a teacher cannot take the leader's step.

const CLASSES = ['k1'];

async function seed() {
  const now = Date.now();
  const rows = await familyRows({ count: 1, schoolId: 'sch1', classIds: CLASSES, now, prefix: 'ap' });
  const hash = (await hashPassword(TEST_PASSWORD)).replace(/'/g, "''");
  const staff = (id: string, role: string) =>
    `INSERT INTO staff_accounts (id, username, display_name, role, school_id, district_id, password_hash, disabled, is_demo, created_at) VALUES ('${id}', '${id}', '${id}', '${role}', 'sch1', 'd1', '${hash}', 0, 0, ${now});`;
  const sql = [
    schoolSql({ passwordHash: await hashPassword(TEST_PASSWORD), now, classIds: CLASSES }),
    familiesSql(rows),
    staff('teacher1', 'class_teacher'),
    staff('leader1', 'school_leader'),
    `INSERT INTO staff_classes (staff_id, class_id) VALUES ('teacher1', 'k1');`,
  ].join('\n');
  return { sql, family: rows.families[0]! };
}

const seeded = seed();
const targets: [string, (sql: string) => Target][] = [
  ['node', (sql) => nodeTarget({ SEED_DEMO: 'false' }, { seedSql: sql })],
  ['worker', (sql) => workerTarget({}, { seedSql: sql })],
];

describe.each(targets)('an application on %s', (_name, makeTarget) => {
  let target: Target;
  let family: Awaited<typeof seeded>['family'];
  const fetcher = (path: string, init?: RequestInit) =>
    fetch(`${target.baseUrl}${path}`, { redirect: 'manual', ...init });
  const photo = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));
  const logIn = async (username: string) => {
    const client = new ConsoleClient(fetcher, target.baseUrl);
    expect((await client.logIn(username, TEST_PASSWORD)).status).toBe(303);
    return client;
  };

  beforeAll(async () => {
    const data = await seeded;
    family = data.family;
    target = makeTarget(data.sql);
    await target.start();
  });
  afterAll(async () => {
    await target?.dispose();
  });

  it('stores stripped photos in the blob store, and moves once under 20 concurrent approvals', async () => {
    const chat = new ChatClient(fetcher);
    chat.conversationId = family.conversationId;
    chat.token = family.token;
    await chat.choose('apply');
    await chat.choose('compulsory_living_subsidy');
    await chat.choose('yes');
    await chat.text(CHILD_ID);
    await chat.text('低保');
    await chat.text('家里四口人，父亲生病。');
    const refused = await chat.upload(new TextEncoder().encode('%PDF-1.4\n%%EOF\n'), 'image/jpeg', 'x.jpg');
    expect(refused.status).toBe(422);
    expect((await chat.upload(photo('gps-orientation-6.jpg'), 'image/jpeg', 'a.jpg')).status).toBe(201);
    await chat.choose('done');
    expect((await chat.upload(photo('metadata.png'), 'image/png', 'b.png')).status).toBe(201);
    await chat.choose('done');
    await chat.choose('yes');
    await chat.choose('yes');
    expect(JSON.stringify((await chat.choose('submit')).messages)).toContain('已提交');

    const teacher = await logIn('teacher1');
    const queue = await (await teacher.get('/console/applications')).text();
    const id = queue.match(/href="\/console\/applications\/(app_[a-z0-9]+)"/)?.[1];
    expect(id).toBeDefined();
    await teacher.get(`/console/applications/${id}`);
    const statuses = await Promise.all(
      Array.from({ length: 20 }, () =>
        teacher
          .post(`/console/applications/${id}/transition`, { action: 'approve' })
          .then((response) => response.status),
      ),
    );
    expect(statuses.filter((status) => status === 303)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    // The leader's step is not the teacher's.
    expect((await teacher.post(`/console/applications/${id}/transition`, { action: 'approve' })).status).toBe(
      409,
    );

    const leader = await logIn('leader1');
    const detail = await (await leader.get(`/console/applications/${id}`)).text();
    expect(detail.match(/<td data-label="结果">班主任已审查/g) ?? []).toHaveLength(1);
    const links = [...detail.matchAll(/src="(\/console\/applications\/[^"]+\/documents\/[^"]+)"/g)].map(
      (match) => match[1]!.replace(/&amp;/g, '&'),
    );
    expect(links).toHaveLength(2);
    const jpeg = await leader.get(links[0]!);
    expect(jpeg.status).toBe(200);
    expect(jpeg.headers.get('content-type')).toBe('image/jpeg');
    const bytes = new Uint8Array(await jpeg.arrayBuffer());
    expect(bytes[0]).toBe(0xff);
    expect(new TextDecoder('latin1').decode(bytes)).not.toContain('GPS');
    // Orientation 6 is kept (the minimal Exif block), so the photo shows upright.
    expect(new TextDecoder('latin1').decode(bytes)).toContain('Exif');
    expect((await teacher.get(links[0]!)).status).toBe(403);
  });
});
