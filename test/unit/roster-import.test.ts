import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { guardians, rosterImports, studentGuardians, students } from '../../src/db/schema.js';
import { ConsoleClient } from '../support/console-client.js';
import { makeTestDeps } from '../support/test-deps.js';
import { createTestSchool, TEST_PASSWORD } from '../support/test-school.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/roster');
const fixture = (name: string) => new Blob([readFileSync(join(FIXTURES, name))]);

describe('roster import through the console', () => {
  let harness: ReturnType<typeof makeTestDeps>;
  let officer: ConsoleClient;
  let app: ReturnType<typeof createApp>;

  const studentCount = async () =>
    (await harness.deps.database.db.select({ n: count() }).from(students))[0]?.n ?? 0;
  const upload = async (client: ConsoleClient, file: Blob, name: string) => {
    await client.get('/console/import');
    const response = await client.post('/console/import', { file: new File([file], name) });
    const html = await response.text();
    const importId = html.match(/\/console\/import\/(imp_[a-z0-9]+)\/confirm/)?.[1];
    return { response, html, importId };
  };

  beforeEach(async () => {
    harness = makeTestDeps();
    await createTestSchool(harness.deps);
    app = createApp(harness.deps);
    officer = new ConsoleClient(async (path, init) => app.request(path, init));
    await officer.logIn('officer1', TEST_PASSWORD);
  });
  afterEach(() => harness.close());

  it('shows line numbers and phones in the preview, and a headerless file says so without counting rows', async () => {
    const good = await upload(officer, fixture('excel-gbk.csv'), '名单.csv');
    expect(good.html.startsWith('<!doctype html>')).toBe(true);
    expect(good.html).toContain('<th>行号</th>');
    expect(good.html).not.toContain('{line}');
    expect(good.html).toMatch(/<tr data-line="2"[^>]*><td data-label="行号">2<\/td>/);
    expect(good.html).toContain('<th>监护人手机号</th>');
    expect(good.html).toMatch(/1[3-9]\d{9}/);

    const headerless = await upload(
      officer,
      new Blob(['三年级(1)班,20240101,王小明,王建国,父亲,13800138001\r\n']),
      '没有表头.csv',
    );
    expect(headerless.html).toContain('没有找到表头');
    expect(headerless.html).not.toContain('行有错误');
    expect(headerless.importId).toBeUndefined();
  });

  it('previews a GBK CSV from Excel without writing, then imports it on confirm', async () => {
    const preview = await upload(officer, fixture('excel-gbk.csv'), '名单.csv');
    expect(preview.response.status).toBe(200);
    expect(preview.html).toContain('王喆');
    expect(preview.html).toContain('新增学生 4 名');
    expect(preview.importId).toBeDefined();
    expect(await studentCount()).toBe(0);

    const confirmed = await officer.post(`/console/import/${preview.importId}/confirm`);
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('import-done');
    const names = (await harness.deps.database.db.select().from(students)).map((row) => row.name).sort();
    expect(names).toEqual(expect.arrayContaining(['李堃', '王喆', '赵赟']));
    const wang = (
      await harness.deps.database.db.select().from(students).where(eq(students.name, '王喆'))
    )[0]!;
    const links = await harness.deps.database.db
      .select()
      .from(studentGuardians)
      .where(eq(studentGuardians.studentId, wang.id));
    expect(links.map((link) => link.relation).sort()).toEqual(['father', 'mother']);
  });

  it('re-importing the same file changes nothing and creates no duplicates', async () => {
    const first = await upload(officer, fixture('excel-utf8-bom.csv'), 'roster.csv');
    await officer.post(`/console/import/${first.importId}/confirm`);
    const before = {
      students: await harness.deps.database.db.select().from(students),
      guardians: (await harness.deps.database.db.select({ n: count() }).from(guardians))[0]?.n,
    };
    const second = await upload(officer, fixture('excel-utf8-bom.csv'), 'roster.csv');
    expect(second.html).toContain('新增学生 0 名');
    const done = await officer.post(`/console/import/${second.importId}/confirm`);
    expect(await done.text()).toContain('新增学生 0 名');
    expect(await harness.deps.database.db.select().from(students)).toEqual(before.students);
    expect((await harness.deps.database.db.select({ n: count() }).from(guardians))[0]?.n).toBe(
      before.guardians,
    );
    const imports = await harness.deps.database.db.select().from(rosterImports);
    expect(imports.map((row) => row.status)).toEqual(['committed', 'committed']);
  });

  it('reads an XLSX written by a spreadsheet program, including the digits Excel lost', async () => {
    const preview = await upload(officer, fixture('libreoffice-roster.xlsx'), 'roster.xlsx');
    expect(preview.html).toContain('学生名单');
    expect(preview.html).toContain('123456789012346000');
    expect(preview.html).toContain('超过 15 位');
    expect(await studentCount()).toBe(0);
  });

  it('lists every bad row with its line and reason, offers no import, and writes nothing', async () => {
    const preview = await upload(officer, fixture('bad-rows.csv'), 'bad.csv');
    expect(preview.html).toContain('has-error');
    expect(preview.html).not.toContain('confirm-import');
    expect(preview.html).toMatch(/data-line="3"[\s\S]*?班级/);
    expect(preview.html).toContain('请先修改有错误的行');
    const pending = (await harness.deps.database.db.select().from(rosterImports))[0]!;
    const forced = await officer.post(`/console/import/${pending.id}/confirm`);
    expect(forced.status).toBe(422);
    expect(await studentCount()).toBe(0);
  });

  // 10,000 rows take about 2 s alone; a generous timeout keeps the test about atomicity, not the machine's load.
  it('imports a 10,000-row file atomically', { timeout: 30_000 }, async () => {
    const lines = ['班级,学号,学生姓名,监护人姓名,与学生关系,监护人手机号'];
    for (let index = 0; index < 10_000; index++) {
      const number = String(30_000_000 + index);
      lines.push(
        `三年级(${(index % 2) + 1})班,${number},学生${index},家长${index},母亲,139${String(index).padStart(8, '0')}`,
      );
    }
    const preview = await upload(officer, new Blob([lines.join('\r\n')]), 'big.csv');
    expect(preview.importId).toBeDefined();
    const done = await officer.post(`/console/import/${preview.importId}/confirm`);
    expect(done.status).toBe(200);
    expect(await studentCount()).toBe(10_000);
    expect((await harness.deps.database.db.select({ n: count() }).from(guardians))[0]?.n).toBe(10_000);
  });

  it('lets a class teacher import only their own class', async () => {
    const teacher = new ConsoleClient(async (path, init) => app.request(path, init));
    await teacher.logIn('teacher32', TEST_PASSWORD);
    const mixed = [
      '班级,学号,学生姓名,监护人姓名,与学生关系,监护人手机号',
      '三年级(2)班,40000001,周小雨,周强,父亲,13700000001',
      '三年级(1)班,40000002,吴小风,吴梅,母亲,13700000002',
    ].join('\n');
    const refused = await upload(teacher, new Blob([mixed]), 'mixed.csv');
    expect(refused.html).not.toContain('confirm-import');
    expect(refused.html).toMatch(/data-line="3"[\s\S]*?找不到班级“三年级\(1\)班”/);

    const own = await upload(teacher, new Blob([mixed.split('\n').slice(0, 2).join('\n')]), 'own.csv');
    await teacher.post(`/console/import/${own.importId}/confirm`);
    expect((await harness.deps.database.db.select().from(students)).map((row) => row.classId)).toEqual([
      'c32',
    ]);
  });

  it('answers a broken or wrong upload with a clear 4xx page, never a crash', async () => {
    await officer.get('/console/import');
    const truncated = await officer.rawPost(
      '/console/import',
      `--xyz\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${officer.csrf}\r\n--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nabc`,
      'multipart/form-data; boundary=xyz',
    );
    expect(truncated.status).toBeGreaterThanOrEqual(400);
    expect(truncated.status).toBeLessThan(500);
    const noFile = await officer.post('/console/import', { file: 'just text' });
    expect(noFile.status).toBe(400);
    const binary = await upload(officer, new Blob([new Uint8Array([0, 1, 2, 3, 255, 254])]), 'photo.jpg');
    expect(binary.response.status).toBe(200);
    expect(binary.html).toContain('file-error');
    expect(await studentCount()).toBe(0);
  });

  it('offers the templates to download', async () => {
    const csv = await officer.get('/console/import/template.csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(new TextDecoder().decode(await csv.arrayBuffer())).toContain('班级,学号,学生姓名');
    const xlsx = await officer.get('/console/import/template.xlsx');
    expect(new Uint8Array(await xlsx.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
  });
});
