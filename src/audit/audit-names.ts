import { and, eq, inArray } from 'drizzle-orm';
import {
  classes,
  guardianBindings,
  inboxThreads,
  policyCatalogs,
  staffAccounts,
  students,
} from '../db/schema.js';
import type { AppDeps } from '../platform/ports.js';
import { maskName } from '../util/mask.js';
import type { AuditRow } from './audit-query.js';

/** What the ids in a page of audit rows stand for, in words people use (names masked where the log is read). */
export interface AuditNames {
  staff: Map<string, string>;
  /** "三年级二班 王*明" */
  students: Map<string, string>;
  classes: Map<string, string>;
  /** The student a thread is about (or null for a district thread without one). */
  threads: Map<string, string | null>;
  /** Chat identity (`web:c_…`) → "王*明 · father" of their first binding. */
  guardians: Map<string, { student: string; relation: string }>;
  catalogs: Map<string, string>;
}

// D1 binds at most 100 parameters per statement.
const CHUNK = 90;

async function inChunks<T>(ids: Iterable<string>, load: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const all = [...new Set(ids)];
  const rows: T[] = [];
  for (let start = 0; start < all.length; start += CHUNK)
    rows.push(...(await load(all.slice(start, start + CHUNK))));
  return rows;
}

export async function resolveAuditNames(deps: AppDeps, rows: readonly AuditRow[]): Promise<AuditNames> {
  const { db } = deps.database;
  const ids = (type: string) =>
    rows.filter((row) => row.targetType === type && row.targetId).map((row) => row.targetId!);
  const staffIds = [
    ...rows.filter((row) => row.actorType === 'staff' && row.actorId).map((row) => row.actorId!),
    ...ids('staff'),
  ];
  const threadRows = await inChunks(ids('inbox_thread'), (chunk) =>
    db
      .select({ id: inboxThreads.id, studentId: inboxThreads.studentId })
      .from(inboxThreads)
      .where(inArray(inboxThreads.id, chunk)),
  );
  const guardianIdentities = rows
    .filter((row) => row.actorType === 'guardian' && row.actorId?.includes(':'))
    .map((row) => row.actorId!);
  const bindingRows = await inChunks(guardianIdentities, (chunk) =>
    db
      .select({
        channel: guardianBindings.channel,
        identity: guardianBindings.identity,
        studentId: guardianBindings.studentId,
        relation: guardianBindings.relation,
      })
      .from(guardianBindings)
      .where(
        inArray(
          guardianBindings.identity,
          chunk.map((each) => each.slice(each.indexOf(':') + 1)),
        ),
      ),
  );
  const studentIds = [
    ...ids('student'),
    ...threadRows.flatMap((row) => (row.studentId ? [row.studentId] : [])),
    ...bindingRows.map((row) => row.studentId),
  ];
  const [staffRows, studentRows, classRows, catalogRows] = await Promise.all([
    inChunks(staffIds, (chunk) =>
      db
        .select({ id: staffAccounts.id, name: staffAccounts.displayName })
        .from(staffAccounts)
        .where(inArray(staffAccounts.id, chunk)),
    ),
    inChunks(studentIds, (chunk) =>
      db
        .select({ id: students.id, name: students.name, className: classes.name })
        .from(students)
        .innerJoin(classes, eq(classes.id, students.classId))
        .where(inArray(students.id, chunk)),
    ),
    inChunks(ids('class'), (chunk) =>
      db.select({ id: classes.id, name: classes.name }).from(classes).where(inArray(classes.id, chunk)),
    ),
    inChunks(ids('policy_catalog'), (chunk) =>
      db
        .select({
          id: policyCatalogs.id,
          catalogId: policyCatalogs.catalogId,
          version: policyCatalogs.version,
        })
        .from(policyCatalogs)
        .where(and(inArray(policyCatalogs.id, chunk))),
    ),
  ]);
  const studentsById = new Map(studentRows.map((row) => [row.id, `${row.className} ${maskName(row.name)}`]));
  const guardians = new Map<string, { student: string; relation: string }>();
  for (const binding of bindingRows) {
    const key = `${binding.channel}:${binding.identity}`;
    const student = studentsById.get(binding.studentId);
    if (student && !guardians.has(key)) guardians.set(key, { student, relation: binding.relation });
  }
  return {
    staff: new Map(staffRows.map((row) => [row.id, row.name])),
    students: studentsById,
    classes: new Map(classRows.map((row) => [row.id, row.name])),
    threads: new Map(
      threadRows.map((row) => [row.id, row.studentId ? (studentsById.get(row.studentId) ?? null) : null]),
    ),
    guardians,
    catalogs: new Map(catalogRows.map((row) => [row.id, `${row.catalogId} ${row.version}`])),
  };
}
