import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { auditLog, classes, schools, students } from '../../src/db/schema.js';
import { readXlsxFirstSheet } from '../../src/roster/index.js';
import { ConsoleClient } from '../support/console-client.js';
import { makeTestDeps } from '../support/test-deps.js';

// A real school's first weeks, from an empty database, through the console only: setup, a school and its
// officer, a term, classes, a teacher with two classes, students by hand, exports, and the end of the year.

const TOKEN = 'school-admin-test-token-42';
const PASSWORD = 'a-good-password-1';

describe('running a school from an empty database', () => {
  const harness = makeTestDeps({ SETUP_TOKEN: TOKEN });
  const app = createApp(harness.deps);
  const browser = () => new ConsoleClient(async (path, init) => app.request(path, init));
  const { db } = harness.deps.database;
  const district = browser();
  const officer = browser();
  let schoolId = '';
  let termId = '';
  let classA = '';
  let classB = '';
  let teacherId = '';

  /** A form post with repeated fields (checkboxes), which ConsoleClient.post cannot send. */
  const postMany = (client: ConsoleClient, path: string, fields: [string, string][]) =>
    client.rawPost(
      path,
      new URLSearchParams([['_csrf', client.csrf], ...fields]).toString(),
      'application/x-www-form-urlencoded',
    );
  const actions = async () => (await db.select().from(auditLog)).map((row) => row.action);

  beforeAll(async () => {
    await browser().post('/console/setup', {
      token: TOKEN,
      districtName: '清溪县',
      displayName: '周主任',
      username: 'zhou',
      password: PASSWORD,
      passwordAgain: PASSWORD,
    });
    expect((await district.logIn('zhou', PASSWORD)).status).toBe(303);
  });
  afterAll(() => harness.close());

  it('the district officer adds a school (with what drives eligibility) and its aid officer', async () => {
    await district.get('/console/schools');
    const bad = await district.post('/console/schools', { schoolName: '', stage: 'primary', ownership: 'x' });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('请填写学校名称');
    expect(badHtml).toContain('请选择公办或民办');
    const created = await district.post('/console/schools', {
      schoolName: '清溪县中心小学',
      stage: 'primary',
      ownership: 'public',
      residence: 'rural',
    });
    expect(created.status).toBe(303);
    const [school] = await db.select().from(schools);
    schoolId = school!.id;
    expect(school).toMatchObject({ ownership: 'public', residence: 'rural', closedAt: null });

    await district.get('/console/accounts');
    const noSchool = await district.post('/console/accounts', {
      displayName: '李老师',
      username: 'li.officer',
      role: 'school_officer',
      password: PASSWORD,
    });
    expect(noSchool.status).toBe(400);
    expect(await noSchool.text()).toContain('请选择这个账号所在的学校');
    const made = await district.post('/console/accounts', {
      displayName: '李老师',
      username: 'li.officer',
      role: 'school_officer',
      password: PASSWORD,
      schoolId,
    });
    expect(made.status).toBe(200);
    expect((await officer.logIn('li.officer', PASSWORD)).status).toBe(303);
  });

  it('the aid officer adds a term, then two classes, and refuses wrong dates and duplicates', async () => {
    await officer.get('/console/admin/terms');
    const wrongOrder = await officer.post('/console/admin/terms', {
      schoolYear: '2026-2027',
      term: 'autumn',
      startsOn: '2027-01-22',
      endsOn: '2026-09-01',
    });
    expect(wrongOrder.status).toBe(400);
    expect(await wrongOrder.text()).toContain('结束日期要晚于开始日期');
    expect(
      (
        await officer.post('/console/admin/terms', {
          schoolYear: '2026-2027',
          term: 'autumn',
          startsOn: '2026-09-01',
          endsOn: '2027-01-22',
        })
      ).status,
    ).toBe(303);
    const overlap = await officer.post('/console/admin/terms', {
      schoolYear: '2026-2027',
      term: 'spring',
      startsOn: '2027-01-10',
      endsOn: '2027-07-05',
    });
    expect(overlap.status).toBe(409);
    expect(await overlap.text()).toContain('重叠');
    const page = await (await officer.get('/console/admin/classes')).text();
    termId = page.match(/<option value="(term_[a-z0-9]+)"/)?.[1] ?? '';
    expect(termId).not.toBe('');

    for (const name of ['三年级一班', '三年级二班']) {
      const response = await officer.post('/console/admin/classes', { className: name, grade: '3', termId });
      expect(response.status).toBe(303);
    }
    const duplicate = await officer.post('/console/admin/classes', {
      className: '三年级一班',
      grade: '3',
      termId,
    });
    expect(duplicate.status).toBe(400);
    expect(await duplicate.text()).toContain('已有同名班级');
    const rows = await db.select().from(classes).where(eq(classes.schoolId, schoolId));
    classA = rows.find((row) => row.name === '三年级一班')!.id;
    classB = rows.find((row) => row.name === '三年级二班')!.id;
    expect(rows[0]).toMatchObject({ schoolYear: '2026-2027', term: 'autumn' });
  });

  it('a Chinese username is refused with the reason, the typed values kept', async () => {
    await officer.get('/console/accounts');
    const refused = await officer.post('/console/accounts', {
      displayName: '王丽',
      username: '王丽',
      role: 'class_teacher',
      password: PASSWORD,
    });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('用户名不能用汉字');
    expect(html).toMatch(/id="username-error"/);
    expect(html).toContain('value="王丽"');
  });

  it('assigns one teacher to both classes, and changes it later', async () => {
    await officer.post('/console/accounts', {
      displayName: '王丽',
      username: 'wang.li',
      role: 'class_teacher',
      password: PASSWORD,
    });
    const list = await (await officer.get('/console/admin/teachers')).text();
    teacherId = list.match(/\/console\/admin\/teachers\/(st_[a-z0-9]+)"/)?.[1] ?? '';
    expect(list).toContain('还没有班级');
    await officer.get(`/console/admin/teachers/${teacherId}`);
    const saved = await postMany(officer, `/console/admin/teachers/${teacherId}`, [
      ['classIds', classA],
      ['classIds', classB],
      ['classIds', 'cls_not_this_school'],
    ]);
    expect(saved.status).toBe(303);
    const teacher = browser();
    await teacher.logIn('wang.li', PASSWORD);
    const home = await (await teacher.get('/console')).text();
    expect(home).toContain('三年级一班');
    expect(home).toContain('三年级二班');

    await officer.get(`/console/admin/teachers/${teacherId}`);
    await postMany(officer, `/console/admin/teachers/${teacherId}`, [['classIds', classB]]);
    expect((await teacher.get(`/console/classes/${classA}`)).status).toBe(403);
    expect((await teacher.get(`/console/classes/${classB}`)).status).toBe(200);
    const [change] = (await db.select().from(auditLog).where(eq(auditLog.action, 'teacher.classes'))).slice(
      -1,
    );
    expect(JSON.parse(change!.details!)).toMatchObject({ removed: '三年级一班', added: '' });
  });

  it('adds, edits and moves a student and a guardian by hand', async () => {
    await officer.get('/console/admin/students/new');
    const bad = await officer.post('/console/admin/students', {
      studentName: '陈小雨',
      studentNumber: '2024 01*',
      classId: classA,
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('学号只能包含字母、数字');
    const made = await officer.post('/console/admin/students', {
      studentName: '陈小雨',
      studentNumber: '２０２４０１０１',
      classId: classA,
      boarding: 'yes',
    });
    expect(made.status).toBe(303);
    const studentPath = made.headers.get('location')!.replace(/\?.*$/, '');
    const [student] = await db.select().from(students);
    expect(student).toMatchObject({ studentNumber: '20240101', boarding: true, classId: classA });

    await officer.get(studentPath);
    const badPhone = await officer.post(`${studentPath}/guardians`, {
      guardianName: '陈建国',
      relation: 'father',
      phone: '1380013800',
    });
    expect(badPhone.status).toBe(400);
    const badHtml = await badPhone.text();
    expect(badHtml).toContain('手机号不正确');
    expect(badHtml).toContain('value="陈建国"');
    expect(
      (
        await officer.post(`${studentPath}/guardians`, {
          guardianName: '陈建国',
          relation: 'father',
          phone: '138 0013 8000',
        })
      ).status,
    ).toBe(303);

    await officer.get(studentPath);
    const moved = await officer.post(studentPath, {
      studentName: '陈小雨',
      studentNumber: '20240101',
      classId: classB,
      boarding: 'yes',
    });
    expect(moved.status).toBe(303);
    const teacher = browser();
    await teacher.logIn('wang.li', PASSWORD);
    const roster = await (await teacher.get(`/console/classes/${classB}`)).text();
    expect(roster).toContain('陈小雨');
    expect(roster).toContain('138****8000');
    expect(await actions()).toEqual(
      expect.arrayContaining(['student.create', 'guardian.add', 'student.move', 'student.view']),
    );
  });

  it('searches lists and exports them as CSV with a BOM and as XLSX that reads back as text', async () => {
    await officer.get('/console/admin/students/new');
    await officer.post('/console/admin/students', {
      studentName: '=HYPERLINK("x")',
      studentNumber: '0099',
      classId: classA,
    });
    const found = await (await officer.get('/console/admin/students?q=陈小')).text();
    expect(found).toContain('陈小雨');
    expect(found).not.toContain('HYPERLINK');

    const csv = await officer.get('/console/admin/students/export.csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('三年级二班,20240101,陈小雨,住校,陈建国（父亲）138****8000');
    expect(text).toContain(`"'=HYPERLINK(""x"")"`); // never a formula
    expect(text).not.toContain('13800138000');

    const xlsx = await officer.get('/console/admin/students/export.xlsx?q=0099');
    const sheet = await readXlsxFirstSheet(new Uint8Array(await xlsx.arrayBuffer()));
    expect(sheet.rows.map((row) => row.cells.slice(0, 3))).toEqual([
      ['班级', '学号', '学生姓名'],
      ['三年级一班', '0099', '=HYPERLINK("x")'],
    ]);
    const classesXlsx = await readXlsxFirstSheet(
      new Uint8Array(await (await officer.get('/console/admin/classes/export.xlsx')).arrayBuffer()),
    );
    expect(classesXlsx.rows.map((row) => row.cells[0])).toEqual(['班级名称', '三年级一班', '三年级二班']);
    const schoolsCsv = new TextDecoder().decode(
      await (await district.get('/console/schools/export.csv?q=中心')).arrayBuffer(),
    );
    expect(schoolsCsv).toContain('清溪县中心小学,小学,公办,农村（含县镇）,正常');
  });

  it('promotes a grade into the next school year once, and graduates the last grade', async () => {
    await officer.get('/console/admin/terms');
    await officer.post('/console/admin/terms', {
      schoolYear: '2027-2028',
      term: 'autumn',
      startsOn: '2027-09-01',
      endsOn: '2028-01-21',
    });
    const page = await (await officer.get('/console/admin/promote')).text();
    const nextTerm = [...page.matchAll(/<option value="(term_[a-z0-9]+)"[^>]*>2027-2028/g)][0]?.[1] ?? '';
    expect(nextTerm).not.toBe('');
    const promoted = await officer.post('/console/admin/promote', { grade: '3', termId: nextTerm });
    expect(promoted.status).toBe(303);
    const rows = await db.select().from(classes).where(eq(classes.schoolId, schoolId));
    expect(rows.map((row) => [row.name, row.grade, row.schoolYear]).sort()).toEqual([
      ['四年级一班', 4, '2027-2028'],
      ['四年级二班', 4, '2027-2028'],
    ]);
    // Pressing again does nothing more.
    await officer.get('/console/admin/promote');
    const again = await officer.post('/console/admin/promote', { grade: '3', termId: nextTerm });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('都已经在 2027-2028 学年');
    expect((await db.select().from(classes).where(eq(classes.grade, 5))).length).toBe(0);

    // A sixth-grade class graduates: its students are marked, the class is archived and leaves the lists.
    await officer.post('/console/admin/classes', { className: '六年级一班', grade: '6', termId });
    const sixth = (await db.select().from(classes).where(eq(classes.name, '六年级一班')))[0]!;
    await officer.post('/console/admin/students', {
      studentName: '毕业生',
      studentNumber: '20190101',
      classId: sixth.id,
    });
    await officer.get('/console/admin/promote');
    expect((await officer.post('/console/admin/promote', { grade: '6', termId: nextTerm })).status).toBe(303);
    const [graduate] = await db.select().from(students).where(eq(students.studentNumber, '20190101'));
    expect(graduate?.graduatedAt).not.toBeNull();
    expect((await db.select().from(classes).where(eq(classes.id, sixth.id)))[0]?.archivedAt).not.toBeNull();
    expect(await (await officer.get('/console')).text()).not.toContain('六年级一班');
    expect(await actions()).toEqual(expect.arrayContaining(['grade.promote', 'grade.graduate']));
  });

  it('closing a school asks first, then logs its staff out and keeps them out', async () => {
    await district.get(`/console/schools/${schoolId}`);
    const asked = await district.post(`/console/schools/${schoolId}/close`);
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain('确定要关闭');
    expect((await officer.get('/console')).status).toBe(200);
    expect((await district.post(`/console/schools/${schoolId}/close`, { confirm: 'yes' })).status).toBe(303);
    expect((await officer.get('/console')).status).toBe(302);
    expect((await browser().logIn('li.officer', PASSWORD)).status).toBe(401);
    await district.get(`/console/schools/${schoolId}`);
    await district.post(`/console/schools/${schoolId}/reopen`);
    expect((await browser().logIn('li.officer', PASSWORD)).status).toBe(303);
  });
});
