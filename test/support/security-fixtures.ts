import { eq } from 'drizzle-orm';
import { createApp } from '../../src/app.js';
import { hashPassword } from '../../src/auth/password.js';
import type { StaffRole } from '../../src/auth/staff-actor.js';
import {
  auditLog,
  districts,
  guardianBindings,
  schools,
  staffAccounts,
  staffClasses,
} from '../../src/db/schema.js';
import { DEMO_PASSWORD, seedDemoSchool } from '../../src/demo/seed-demo-school.js';
import { ChatClient, type ChatReply, lastText } from './chat-client.js';
import { makeTestDeps } from './test-deps.js';

/** Password of every account this file adds (the demo accounts keep DEMO_PASSWORD). */
export const STAFF_PASSWORD = 'security-pass-1';

export interface ExtraStaff {
  id: string;
  username: string;
  role: StaffRole;
  schoolId: string | null;
  districtId: string;
  classIds?: string[];
  disabled?: boolean;
}

/** The accounts the security suites add next to the demo teacher (demo_p3_2) and the demo officer (demo_primary). */
export const EXTRA_STAFF = {
  teacher2: {
    id: 'sec_teacher2',
    username: 'sec-teacher2',
    role: 'class_teacher',
    schoolId: 'demo_primary',
    districtId: 'demo_district',
    classIds: ['demo_p5_1'],
  },
  officerJunior: {
    id: 'sec_officer_j',
    username: 'sec-officer-j',
    role: 'school_officer',
    schoolId: 'demo_junior',
    districtId: 'demo_district',
  },
  leader: {
    id: 'sec_leader',
    username: 'sec-leader',
    role: 'school_leader',
    schoolId: 'demo_primary',
    districtId: 'demo_district',
  },
  principal: {
    id: 'sec_principal',
    username: 'sec-principal',
    role: 'principal',
    schoolId: 'demo_primary',
    districtId: 'demo_district',
  },
  district: {
    id: 'sec_district',
    username: 'sec-district',
    role: 'district_officer',
    schoolId: null,
    districtId: 'demo_district',
  },
} as const satisfies Record<string, ExtraStaff>;

/** Accounts that only exist to be the target of account routes, so one cell never spoils another. */
export const VICTIMS = {
  primaryPassword: victim('victim_pw_p', 'demo_primary'),
  primaryRole: victim('victim_role_p', 'demo_primary'),
  primaryDisable: victim('victim_dis_p', 'demo_primary'),
  primaryEnable: { ...victim('victim_en_p', 'demo_primary'), disabled: true },
  juniorPassword: victim('victim_pw_j', 'demo_junior'),
  juniorDisable: victim('victim_dis_j', 'demo_junior'),
  /** A second district officer: a school officer must never touch it. */
  districtOfficer: {
    id: 'victim_district',
    username: 'victim-district',
    role: 'district_officer',
    schoolId: null,
    districtId: 'demo_district',
  },
} as const satisfies Record<string, ExtraStaff>;

function victim(id: string, schoolId: string): ExtraStaff {
  return {
    id,
    username: id.replace(/_/g, '-'),
    role: 'class_teacher',
    schoolId,
    districtId: 'demo_district',
  };
}

/** Another district with one school and its officer: nobody in demo_district may see or manage it. */
export const OTHER_DISTRICT = {
  districtId: 'sec_other_district',
  schoolId: 'sec_other_school',
  officer: {
    id: 'sec_other_officer',
    username: 'sec-other-officer',
    role: 'district_officer',
    schoolId: null,
    districtId: 'sec_other_district',
  } satisfies ExtraStaff,
};

type Harness = ReturnType<typeof makeTestDeps>;

/** Inserts staff accounts (one password hash for all) and the classes they teach. */
export async function addStaff(harness: Harness, accounts: readonly ExtraStaff[]): Promise<void> {
  const { db } = harness.deps.database;
  const passwordHash = await hashPassword(STAFF_PASSWORD);
  const now = harness.deps.clock.now();
  await harness.deps.database.atomic([
    db.insert(districts).values({ id: OTHER_DISTRICT.districtId, name: '别的县', createdAt: now }),
    db.insert(schools).values({
      id: OTHER_DISTRICT.schoolId,
      districtId: OTHER_DISTRICT.districtId,
      name: '别的县小学',
      stage: 'primary',
      ownership: 'public',
      residence: 'rural',
      createdAt: now,
    }),
    db.insert(staffAccounts).values(
      accounts.map((account) => ({
        id: account.id,
        username: account.username,
        displayName: `${account.username}（测试）`,
        role: account.role,
        schoolId: account.schoolId,
        districtId: account.districtId,
        passwordHash,
        disabled: account.disabled ?? false,
        createdAt: now,
      })),
    ),
    ...accounts.flatMap((account) =>
      (account.classIds ?? []).map((classId) =>
        db.insert(staffClasses).values({ staffId: account.id, classId }),
      ),
    ),
  ]);
}

/** A fresh database with the demo district, the extra staff, the victims and the other district. */
export async function makeSecurityWorld(
  options: { trustProxy?: boolean; config?: Parameters<typeof makeTestDeps>[0] } = {},
) {
  const harness = makeTestDeps(options.config ?? {}, options);
  await seedDemoSchool(harness.deps);
  await addStaff(harness, [...Object.values(EXTRA_STAFF), ...Object.values(VICTIMS), OTHER_DISTRICT.officer]);
  const app = createApp(harness.deps);
  const fetcher = (path: string, init?: RequestInit) => Promise.resolve(app.request(path, init));
  return { harness, app, fetcher, deps: harness.deps, clock: harness.clock };
}
export type SecurityWorld = Awaited<ReturnType<typeof makeSecurityWorld>>;

export type Fetcher = (path: string, init?: RequestInit) => Promise<Response>;

/** A fetcher that always adds the same headers (e.g. the client address a proxy would set). */
export function withHeaders(fetcher: Fetcher, extra: Record<string, string>): Fetcher {
  return (path, init = {}) => {
    const headers = new Headers(init.headers);
    for (const [name, value] of Object.entries(extra)) headers.set(name, value);
    return fetcher(path, { ...init, headers });
  };
}

export const ORIGIN = 'http://localhost';

/**
 * A staff browser like ConsoleClient, but with every knob a security test needs: the session cookie is
 * readable and replaceable, and a post can leave out or fake the CSRF field and the Origin header.
 */
export class StaffAgent {
  cookie = '';
  csrf = '';

  constructor(private readonly fetcher: Fetcher) {}

  async logIn(username: string, password: string): Promise<Response> {
    const response = await this.post('/console/login', { username, password });
    const session = (response.headers.get('set-cookie') ?? '').match(/mb_session=([^;]*)/);
    if (session?.[1]) this.cookie = `mb_session=${session[1]}`;
    if (response.status === 303) await this.get('/console');
    return response;
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.remember(await this.fetcher(path, { headers: this.headers(headers), redirect: 'manual' }));
  }

  /**
   * A browser form post. `_csrf` defaults to the token of the last page seen (pass null to leave it out);
   * `origin` defaults to the app's own origin (null leaves the header out).
   */
  async post(
    path: string,
    fields: Record<string, string | Blob> = {},
    options: {
      csrf?: string | null;
      origin?: string | null;
      headers?: Record<string, string>;
      /** Fields sent more than once (ticked checkboxes of one name). */
      repeated?: [string, string][];
    } = {},
  ): Promise<Response> {
    const csrf = options.csrf === undefined ? this.csrf : options.csrf;
    const all: Record<string, string | Blob> = csrf === null ? { ...fields } : { _csrf: csrf, ...fields };
    const headers = this.headers(options.headers ?? {});
    const origin = options.origin === undefined ? ORIGIN : options.origin;
    if (origin !== null) headers.set('origin', origin);
    let body: BodyInit;
    if (Object.values(all).some((value) => value instanceof Blob)) {
      const form = new FormData();
      for (const [key, value] of Object.entries(all)) form.append(key, value);
      body = form;
    } else {
      const params = new URLSearchParams(all as Record<string, string>);
      for (const [key, value] of options.repeated ?? []) params.append(key, value);
      body = params.toString();
      headers.set('content-type', 'application/x-www-form-urlencoded');
    }
    return this.remember(await this.fetcher(path, { method: 'POST', body, headers, redirect: 'manual' }));
  }

  /** Any other request with this browser's cookie. */
  request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set('cookie', this.cookie);
    return this.fetcher(path, { ...init, headers, redirect: 'manual' });
  }

  private headers(extra: Record<string, string>): Headers {
    const headers = new Headers(extra);
    if (this.cookie) headers.set('cookie', this.cookie);
    return headers;
  }

  private async remember(response: Response): Promise<Response> {
    if (!(response.headers.get('content-type') ?? '').includes('text/html')) return response;
    const token = (await response.clone().text()).match(/name="_csrf" value="([^"]+)"/);
    if (token?.[1]) this.csrf = token[1];
    return response;
  }
}

/** Logs a staff member in and fails loudly if that does not work. */
export async function staffAgent(fetcher: Fetcher, username: string, password = STAFF_PASSWORD) {
  const agent = new StaffAgent(fetcher);
  const response = await agent.logIn(username, password);
  if (response.status !== 303) throw new Error(`log-in of ${username} failed: ${response.status}`);
  return agent;
}

export const demoTeacher = (fetcher: Fetcher) => staffAgent(fetcher, 'demo-teacher', DEMO_PASSWORD);
export const demoOfficer = (fetcher: Fetcher) => staffAgent(fetcher, 'demo-officer', DEMO_PASSWORD);

/** Prints binding codes for a class and returns them by student id (`which`: unbound, all or a student id). */
export async function printCodes(
  agent: StaffAgent,
  classId: string,
  which = 'unbound',
): Promise<Map<string, string>> {
  const html = await printSlipsPage(agent, classId, which);
  const slips = [...html.matchAll(/data-student="([^"]+)"[\s\S]*?data-code="([A-Z0-9]+)"/g)];
  return new Map(slips.map((match) => [match[1]!, match[2]!]));
}

/** Prints slips (a post, then the print page it redirects to) and returns that page's HTML. */
export async function printSlipsPage(
  agent: StaffAgent,
  classId: string,
  which: string | string[] = 'unbound',
): Promise<string> {
  const fields: Record<string, string> = Array.isArray(which) ? { students: 'chosen' } : { students: which };
  const response = Array.isArray(which)
    ? await agent.post(`/console/classes/${classId}/codes`, fields, {
        repeated: which.map((id): [string, string] => ['student', id]),
      })
    : await agent.post(`/console/classes/${classId}/codes`, fields);
  if (response.status === 200) return response.text();
  const location = response.headers.get('location');
  if (response.status !== 303 || !location) throw new Error(`printing codes failed: ${response.status}`);
  const page = await agent.get(location);
  if (page.status !== 200) throw new Error(`the print page failed: ${page.status}`);
  return page.text();
}

/** The bind flow from the main menu, up to the "is this your child?" question. */
export async function enterCode(chat: ChatClient, code: string): Promise<ChatReply> {
  await chat.choose('bind');
  return chat.text(code);
}

/** The whole bind flow; returns the last reply. */
export async function bindChild(chat: ChatClient, code: string, relation = 'father'): Promise<ChatReply> {
  const confirm = await enterCode(chat, code);
  if (!lastText(confirm).includes('*')) throw new Error(`code not accepted: ${lastText(confirm)}`);
  await chat.choose('yes');
  return chat.choose(relation);
}

/** A web-chat parent bound to a student through the real flow. */
export async function boundParent(fetcher: Fetcher, code: string, relation = 'father') {
  const chat = new ChatClient(fetcher);
  await chat.start();
  await bindChild(chat, code, relation);
  return chat;
}

export async function auditRows(world: Pick<SecurityWorld, 'deps'>, action?: string) {
  const query = world.deps.database.db.select().from(auditLog);
  const rows = await (action ? query.where(eq(auditLog.action, action)) : query);
  return rows.sort((a, b) => a.id - b.id);
}

export async function activeBindings(world: Pick<SecurityWorld, 'deps'>, studentId: string) {
  const rows = await world.deps.database.db
    .select()
    .from(guardianBindings)
    .where(eq(guardianBindings.studentId, studentId));
  return rows.filter((row) => row.revokedAt === null);
}

export async function accountRow(world: Pick<SecurityWorld, 'deps'>, id: string) {
  const [row] = await world.deps.database.db.select().from(staffAccounts).where(eq(staffAccounts.id, id));
  return row;
}

/** A one-line roster CSV (UTF-8, template headers). */
export function rosterCsv(rows: string[][]): Blob {
  const header = ['班级', '学号', '学生姓名', '监护人姓名', '与学生关系', '监护人手机号'];
  const text = [header, ...rows].map((row) => row.join(',')).join('\r\n');
  return new Blob([`\uFEFF${text}\r\n`], { type: 'text/csv' });
}

/** Student names of the demo district, by class. */
export const NAMES = {
  demo_p3_2: ['王小明', '李朵朵'],
  demo_p5_1: ['张子涵'],
  demo_j7_1: ['陈一诺', '刘浩然'],
  demo_j8_3: ['赵欣怡'],
} as const;
export const ALL_NAMES = Object.values(NAMES).flat();
export const namesOutside = (...classIds: (keyof typeof NAMES)[]) =>
  ALL_NAMES.filter((name) => !classIds.some((id) => (NAMES[id] as readonly string[]).includes(name)));
