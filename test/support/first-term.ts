import { ConsoleClient } from './console-client.js';

// The steps a new county takes from an empty database to a school with classes and a roster, through the
// console only. Shared by the conformance suite (Node and workerd) and the README walk-through test.

export const FIRST_PASSWORD = 'first-term-password-1';

export type Fetcher = (path: string, init?: RequestInit) => Promise<Response>;

export interface FirstTerm {
  district: ConsoleClient;
  officer: ConsoleClient;
  teacher: ConsoleClient;
  schoolId: string;
  termId: string;
  classIds: [string, string];
  teacherId: string;
}

/** A form post with repeated fields (ticked checkboxes). */
export function postMany(client: ConsoleClient, path: string, fields: [string, string][]) {
  return client.rawPost(
    path,
    new URLSearchParams([['_csrf', client.csrf], ...fields]).toString(),
    'application/x-www-form-urlencoded',
  );
}

async function expectStatus(response: Response | Promise<Response>, status: number, what: string) {
  const answer = await response;
  if (answer.status !== status) {
    throw new Error(
      `${what}: expected ${status}, got ${answer.status}\n${(await answer.text()).slice(0, 2000)}`,
    );
  }
  return answer;
}

/** First-run setup, then a school, its officer, a term, two classes and one teacher for both. */
export async function setUpFirstTerm(
  fetcher: Fetcher,
  origin: string,
  setupToken: string,
): Promise<FirstTerm> {
  const client = () => new ConsoleClient(fetcher, origin);
  await expectStatus(
    client().post('/console/setup', {
      token: setupToken,
      districtName: '清溪县',
      displayName: '周主任',
      username: 'zhou',
      password: FIRST_PASSWORD,
      passwordAgain: FIRST_PASSWORD,
    }),
    200,
    'setup',
  );
  const district = client();
  await expectStatus(district.logIn('zhou', FIRST_PASSWORD), 303, 'district log-in');
  await district.get('/console/schools');
  const school = await expectStatus(
    district.post('/console/schools', {
      schoolName: '清溪县中心小学',
      stage: 'primary',
      ownership: 'public',
      residence: 'rural',
    }),
    303,
    'new school',
  );
  const schoolId = school.headers.get('location')?.match(/schools\/([a-z0-9_]+)/)?.[1] ?? '';
  await district.get('/console/accounts');
  await expectStatus(
    district.post('/console/accounts', {
      displayName: '李专干',
      username: 'li.officer',
      role: 'school_officer',
      password: FIRST_PASSWORD,
      schoolId,
    }),
    200,
    'school officer account',
  );

  const officer = client();
  await expectStatus(officer.logIn('li.officer', FIRST_PASSWORD), 303, 'officer log-in');
  await officer.get('/console/admin/terms');
  await expectStatus(
    officer.post('/console/admin/terms', {
      schoolYear: '2026-2027',
      term: 'autumn',
      startsOn: '2026-09-01',
      endsOn: '2027-01-22',
    }),
    303,
    'term',
  );
  const classesPage = await (await officer.get('/console/admin/classes')).text();
  const termId = classesPage.match(/<option value="(term_[a-z0-9]+)"/)?.[1] ?? '';
  const classIds: string[] = [];
  for (const className of ['三年级一班', '三年级二班']) {
    const made = await expectStatus(
      officer.post('/console/admin/classes', { className, grade: '3', termId }),
      303,
      className,
    );
    classIds.push(made.headers.get('location')?.match(/created=([a-z0-9_]+)/)?.[1] ?? '');
  }
  await officer.get('/console/accounts');
  await expectStatus(
    officer.post('/console/accounts', {
      displayName: '王丽',
      username: 'wang.li',
      role: 'class_teacher',
      password: FIRST_PASSWORD,
    }),
    200,
    'teacher account',
  );
  const teachers = await (await officer.get('/console/admin/teachers')).text();
  const teacherId = teachers.match(/\/console\/admin\/teachers\/(st_[a-z0-9]+)"/)?.[1] ?? '';
  await officer.get(`/console/admin/teachers/${teacherId}`);
  await expectStatus(
    postMany(
      officer,
      `/console/admin/teachers/${teacherId}`,
      classIds.map((id) => ['classIds', id]),
    ),
    303,
    'assign classes',
  );
  const teacher = client();
  await expectStatus(teacher.logIn('wang.li', FIRST_PASSWORD), 303, 'teacher log-in');
  return {
    district,
    officer,
    teacher,
    schoolId,
    termId,
    classIds: [classIds[0]!, classIds[1]!],
    teacherId,
  };
}

export const FIRST_ROSTER = [
  '班级,学号,学生姓名,监护人姓名,与学生关系,监护人手机号',
  '三年级一班,Q20260101,孙小雨,孙建华,父亲,13700001111',
  '三年级一班,Q20260102,周一一,周丽,母亲,13700002222',
  '三年级二班,Q20260201,吴晓东,吴海,父亲,13700003333',
].join('\r\n');

/** The teacher imports the roster of both classes (preview, then confirm). */
export async function importFirstRoster(teacher: ConsoleClient): Promise<void> {
  await teacher.get('/console/import');
  const preview = await teacher.post('/console/import', { file: new File([FIRST_ROSTER], '名单.csv') });
  const html = await preview.text();
  const importId = html.match(/\/console\/import\/(imp_[a-z0-9]+)\/confirm/)?.[1];
  if (!importId) throw new Error(`roster did not preview as importable:\n${html.slice(0, 3000)}`);
  const done = await teacher.post(`/console/import/${importId}/confirm`);
  const text = await done.text();
  if (!text.includes('新增学生 3 名')) throw new Error(`import did not finish:\n${text.slice(0, 2000)}`);
}

export interface PrintedSlips {
  /** The print's own page (POST-redirect-GET): reloading it shows the same slips. */
  location: string;
  /** Student id → the name on the slip and its code. */
  slips: Map<string, { name: string; code: string }>;
}

/** Prints slips for a class (`students`: all, unbound or one student id) and reads the print's page. */
export async function printSlips(
  client: ConsoleClient,
  classId: string,
  students: string,
): Promise<PrintedSlips> {
  const posted = await expectStatus(
    client.post(`/console/classes/${classId}/codes`, { students }),
    303,
    'print slips',
  );
  const location = posted.headers.get('location') ?? '';
  const page = await (await client.get(location)).text();
  const slips = new Map<string, { name: string; code: string }>();
  for (const part of page.split(' data-student="').slice(1)) {
    const id = part.slice(0, part.indexOf('"'));
    const name = part.match(/<strong>([^<]+)<\/strong>/)?.[1] ?? '';
    const code = part.match(/data-code="([A-Z0-9]+)"/)?.[1];
    if (code) slips.set(id, { name, code });
  }
  return { location, slips };
}

export function slipOf(printed: PrintedSlips, name: string): { id: string; code: string } {
  for (const [id, slip] of printed.slips) if (slip.name === name) return { id, code: slip.code };
  throw new Error(
    `no slip for ${name} among ${[...printed.slips.values()].map((slip) => slip.name).join(', ')}`,
  );
}
