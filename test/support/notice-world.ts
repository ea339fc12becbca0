import {
  conversations,
  guardianBindings,
  guardians,
  studentGuardians,
  students,
} from '../../src/db/schema.js';
import type { AppDeps } from '../../src/platform/ports.js';
import { sha256Hex } from '../../src/util/ids.js';
import type { ConsoleClient } from './console-client.js';

// Bound families for notice tests and the fan-out benchmark: a student, their guardian, a web chat
// conversation and the binding between them, written straight into the tables (setup data, as an import and
// a binding flow would leave it), so thousands of families take milliseconds rather than minutes.

export interface Family {
  studentId: string;
  guardianId: string;
  conversationId: string;
  /** The conversation's bearer token, to read it through the chat API. */
  token: string;
}

export interface FamilyRows {
  families: Family[];
  students: (typeof students.$inferInsert)[];
  guardians: (typeof guardians.$inferInsert)[];
  studentGuardians: (typeof studentGuardians.$inferInsert)[];
  conversations: (typeof conversations.$inferInsert)[];
  bindings: (typeof guardianBindings.$inferInsert)[];
}

export async function familyRows(options: {
  count: number;
  schoolId: string;
  classIds: readonly string[];
  now: number;
  prefix?: string;
  locale?: string;
}): Promise<FamilyRows> {
  const prefix = options.prefix ?? 'f';
  const rows: FamilyRows = {
    families: [],
    students: [],
    guardians: [],
    studentGuardians: [],
    conversations: [],
    bindings: [],
  };
  for (let index = 0; index < options.count; index++) {
    const n = String(index).padStart(5, '0');
    const studentId = `${prefix}s${n}`;
    const guardianId = `${prefix}g${n}`;
    const conversationId = `${prefix}c${n}`;
    const token = `${prefix}-token-${n}-${'x'.repeat(16)}`;
    const classId = options.classIds[index % options.classIds.length]!;
    rows.families.push({ studentId, guardianId, conversationId, token });
    rows.students.push({
      id: studentId,
      schoolId: options.schoolId,
      classId,
      studentNumber: `${prefix.toUpperCase()}${n}`,
      name: `学生${n}`,
      createdAt: options.now,
      updatedAt: options.now,
    });
    rows.guardians.push({ id: guardianId, name: `家长${n}`, createdAt: options.now });
    rows.studentGuardians.push({ studentId, guardianId, relation: 'mother' });
    rows.conversations.push({
      id: conversationId,
      channel: 'web',
      tokenHash: await sha256Hex(token),
      state: JSON.stringify({
        v: 2,
        locale: options.locale ?? 'zh-CN',
        flow: 'menu',
        step: 'choose',
        vars: {},
        history: [],
        returnTo: [],
        lastActivityAt: options.now,
        resumePending: false,
      }),
      revision: `r${n}`,
      createdAt: options.now,
      updatedAt: options.now,
    });
    rows.bindings.push({
      id: `${prefix}b${n}`,
      channel: 'web',
      identity: conversationId,
      studentId,
      guardianId,
      relation: 'mother',
      createdAt: options.now,
    });
  }
  return rows;
}

/** Writes the families through the app's own database port. */
export async function insertFamilies(deps: AppDeps, rows: FamilyRows): Promise<void> {
  const { db } = deps.database;
  const chunk = <T>(list: T[], size: number) =>
    Array.from({ length: Math.ceil(list.length / size) }, (_, index) =>
      list.slice(index * size, (index + 1) * size),
    );
  await deps.database.atomic([
    ...chunk(rows.students, 500).map((part) => db.insert(students).values(part)),
    ...chunk(rows.guardians, 500).map((part) => db.insert(guardians).values(part)),
    ...chunk(rows.studentGuardians, 500).map((part) => db.insert(studentGuardians).values(part)),
    ...chunk(rows.conversations, 500).map((part) => db.insert(conversations).values(part)),
    ...chunk(rows.bindings, 500).map((part) => db.insert(guardianBindings).values(part)),
  ]);
}

/** The same families as SQL text, for a database another process owns (wrangler d1 execute, a Node target). */
export function familiesSql(rows: FamilyRows): string {
  const value = (each: unknown) =>
    each === null || each === undefined
      ? 'NULL'
      : typeof each === 'number'
        ? String(each)
        : typeof each === 'boolean'
          ? each
            ? '1'
            : '0'
          : `'${String(each).replace(/'/g, "''")}'`;
  // Many rows per statement: local D1 runs a file statement by statement, and each one costs.
  const insert = (table: string, columns: Record<string, string>, list: Record<string, unknown>[]) => {
    const tuples = list.map(
      (row) =>
        `(${Object.keys(columns)
          .map((key) => value(row[key]))
          .join(', ')})`,
    );
    const statements: string[] = [];
    for (let start = 0; start < tuples.length; start += 100) {
      statements.push(
        `INSERT INTO ${table} (${Object.values(columns).join(', ')}) VALUES ${tuples.slice(start, start + 100).join(', ')};`,
      );
    }
    return statements.join('\n');
  };
  return [
    insert(
      'students',
      {
        id: 'id',
        schoolId: 'school_id',
        classId: 'class_id',
        studentNumber: 'student_number',
        name: 'name',
        createdAt: 'created_at',
        updatedAt: 'updated_at',
      },
      rows.students,
    ),
    insert('guardians', { id: 'id', name: 'name', createdAt: 'created_at' }, rows.guardians),
    insert(
      'student_guardians',
      { studentId: 'student_id', guardianId: 'guardian_id', relation: 'relation' },
      rows.studentGuardians,
    ),
    insert(
      'conversations',
      {
        id: 'id',
        channel: 'channel',
        tokenHash: 'token_hash',
        state: 'state',
        revision: 'revision',
        createdAt: 'created_at',
        updatedAt: 'updated_at',
      },
      rows.conversations,
    ),
    insert(
      'guardian_bindings',
      {
        id: 'id',
        channel: 'channel',
        identity: 'identity',
        studentId: 'student_id',
        guardianId: 'guardian_id',
        relation: 'relation',
        createdAt: 'created_at',
      },
      rows.bindings,
    ),
  ].join('\n');
}

/** Every input, textarea and chosen option of the first form posting to `action`, as a browser would send it. */
export function formFields(html: string, action: string): [string, string][] {
  const start = html.indexOf(`action="${action}"`);
  if (start < 0) throw new Error(`no form posting to ${action}`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const fields: [string, string][] = [];
  const decodeEntities = (text: string) =>
    text
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  for (const match of form.matchAll(/<input([^>]*)>/g)) {
    const attrs = match[1]!;
    const name = /name="([^"]*)"/.exec(attrs)?.[1];
    if (!name) continue;
    const type = /type="([^"]*)"/.exec(attrs)?.[1] ?? 'text';
    if ((type === 'radio' || type === 'checkbox') && !/\schecked(=|\s|$|>)/.test(attrs)) continue;
    fields.push([name, decodeEntities(/value="([^"]*)"/.exec(attrs)?.[1] ?? '')]);
  }
  for (const match of form.matchAll(/<textarea([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    const name = /name="([^"]*)"/.exec(match[1]!)?.[1];
    if (name) fields.push([name, decodeEntities(match[2]!)]);
  }
  for (const match of form.matchAll(/<select([^>]*)>([\s\S]*?)<\/select>/g)) {
    const name = /name="([^"]*)"/.exec(match[1]!)?.[1];
    const chosen =
      /<option value="([^"]*)" selected/.exec(match[2]!) ?? /<option value="([^"]*)"/.exec(match[2]!);
    if (name && chosen) fields.push([name, decodeEntities(chosen[1]!)]);
  }
  return fields;
}

/** Replaces some fields of a form (all values of each name given). */
export function withFields(
  fields: [string, string][],
  changes: Record<string, string | string[]>,
): [string, string][] {
  const kept = fields.filter(([name]) => !(name in changes));
  for (const [name, value] of Object.entries(changes)) {
    for (const each of Array.isArray(value) ? value : [value]) kept.push([name, each]);
  }
  return kept;
}

/**
 * A 明白卡 drafted through the console's form, as a teacher fills it in (the form's own defaults, with `changes`
 * on top): the draft's page, `/console/notices/<id>`.
 */
export async function draftNotice(
  staff: ConsoleClient,
  changes: Record<string, string | string[]>,
): Promise<string> {
  const html = await (await staff.get('/console/notices/new?kind=policy_card')).text();
  const fields = withFields(formFields(html, '/console/notices'), changes);
  const created = await staff.rawPost(
    '/console/notices',
    new URLSearchParams([['_csrf', staff.csrf], ...fields]).toString(),
    'application/x-www-form-urlencoded',
  );
  if (created.status !== 303)
    throw new Error(`drafting the notice answered ${created.status}: ${await created.text()}`);
  return created.headers.get('location')!;
}

/** A school with one class per given id and an aid officer, as SQL (for targets in another process). */
export function schoolSql(options: {
  passwordHash: string;
  now: number;
  classIds: readonly string[];
}): string {
  const { now } = options;
  const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
  return [
    `INSERT INTO districts (id, name, is_demo, created_at) VALUES ('d1', '测试县', 0, ${now});`,
    `INSERT INTO schools (id, district_id, name, stage, ownership, residence, is_demo, created_at) VALUES ('sch1', 'd1', '测试小学', 'primary', 'public', 'rural', 0, ${now});`,
    ...options.classIds.map(
      (id, index) =>
        `INSERT INTO classes (id, school_id, grade, name, school_year, term, created_at) VALUES (${quote(id)}, 'sch1', ${3 + (index % 4)}, ${quote(`测试${index + 1}班`)}, '2026-2027', 'autumn', ${now});`,
    ),
    `INSERT INTO staff_accounts (id, username, display_name, role, school_id, district_id, password_hash, disabled, is_demo, created_at) VALUES ('officer1', 'officer1', '资助专干', 'school_officer', 'sch1', 'd1', ${quote(options.passwordHash)}, 0, 0, ${now});`,
  ].join('\n');
}
