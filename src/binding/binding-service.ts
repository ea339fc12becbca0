import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { auditStatement } from '../audit/audit-log.js';
import { chunkForD1 } from '../db/d1-chunks.js';
import {
  bindingCodes,
  classes,
  guardianBindings,
  schools,
  studentGuardians,
  students,
} from '../db/schema.js';
import type { AppDeps, AtomicStatement } from '../platform/ports.js';
import { newId } from '../util/ids.js';
import { maskName } from '../util/mask.js';
import { generateBindingCode } from './binding-code.js';
import { bindingCodeHash, storedCodeHashes } from './code-hash.js';

export type Relation = 'father' | 'mother' | 'grandparent' | 'maternal_grandparent' | 'other_guardian';
export const RELATIONS: readonly Relation[] = [
  'father',
  'mother',
  'grandparent',
  'maternal_grandparent',
  'other_guardian',
];

export interface ChatIdentity {
  channel: 'web' | 'line' | 'wechat';
  id: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * New codes for the given students, replacing any code still open for them. Returns the plain codes once:
 * only their hashes are stored, so a lost slip means printing a new one.
 */
export async function issueBindingCodes(
  deps: AppDeps,
  staffId: string,
  schoolId: string,
  studentIds: readonly string[],
  ip: string | null,
  /** The slip print these codes belong to, and its own writes, committed in the same atomic write. */
  print?: { id: string; statements: (codes: ReadonlyMap<string, string>) => Promise<AtomicStatement[]> },
): Promise<Map<string, string>> {
  const { db } = deps.database;
  const now = deps.clock.now();
  const codes = new Map<string, string>();
  const statements: AtomicStatement[] = [];
  if (studentIds.length === 0) return codes;
  // A class can have hundreds of students: every statement whose parameters grow with them is cut for D1.
  // One parameter per id, plus the new revokedAt.
  for (const someIds of chunkForD1(studentIds, 1, 1)) {
    statements.push(
      db
        .update(bindingCodes)
        .set({ revokedAt: now })
        .where(
          and(
            inArray(bindingCodes.studentId, someIds),
            isNull(bindingCodes.usedAt),
            isNull(bindingCodes.revokedAt),
          ),
        ),
    );
  }
  const rows: (typeof bindingCodes.$inferInsert)[] = [];
  for (const studentId of studentIds) {
    const code = generateBindingCode();
    codes.set(studentId, code);
    rows.push({
      codeHash: await bindingCodeHash(deps.config, code),
      studentId,
      createdBy: staffId,
      createdAt: now,
      expiresAt: now + deps.config.BINDING_CODE_DAYS * DAY_MS,
      printId: print?.id ?? null,
    });
  }
  // Nine columns a row (the unset ones are bound as null too).
  for (const someRows of chunkForD1(rows, 9)) statements.push(db.insert(bindingCodes).values(someRows));
  statements.push(
    auditStatement(deps, {
      actorType: 'staff',
      actorId: staffId,
      action: 'binding_code.issue',
      targetType: 'student',
      schoolId,
      details: { students: studentIds.length },
      ip,
    }),
  );
  if (print) statements.push(...(await print.statements(codes)));
  await deps.database.atomic(statements);
  return codes;
}

/** Not async on purpose: drizzle builders are thenables, and returning one from an async function runs it. */
export function revokeBindingCodes(deps: AppDeps, studentId: string): AtomicStatement {
  return deps.database.db
    .update(bindingCodes)
    .set({ revokedAt: deps.clock.now() })
    .where(
      and(eq(bindingCodes.studentId, studentId), isNull(bindingCodes.usedAt), isNull(bindingCodes.revokedAt)),
    );
}

export type CodeLookup =
  | {
      status: 'ok';
      codeHash: string;
      studentId: string;
      studentMasked: string;
      className: string;
      schoolName: string;
      schoolId: string;
    }
  /** `revoked`: a real slip that was replaced by a reprint or voided by the teacher. */
  | { status: 'invalid' | 'revoked' | 'expired' | 'used' };

/** What a code points to, without using it up. */
export async function lookupBindingCode(deps: AppDeps, code: string): Promise<CodeLookup> {
  const [row] = await deps.database.db
    .select({
      code: bindingCodes,
      studentName: students.name,
      className: classes.name,
      schoolName: schools.name,
      schoolId: schools.id,
    })
    .from(bindingCodes)
    .innerJoin(students, eq(students.id, bindingCodes.studentId))
    .innerJoin(classes, eq(classes.id, students.classId))
    .innerJoin(schools, eq(schools.id, students.schoolId))
    // No `.limit(1)`: the hashes are primary keys, so at most two rows; SQLite's planner reads a bound LIMIT's
    // value, so every new binding of it would compile the statement again on each code typed in chat.
    .where(inArray(bindingCodes.codeHash, await storedCodeHashes(deps.config, code)));
  if (!row) return { status: 'invalid' };
  if (row.code.revokedAt !== null) return { status: 'revoked' };
  if (row.code.usedAt !== null) return { status: 'used' };
  if (row.code.expiresAt <= deps.clock.now()) return { status: 'expired' };
  return {
    status: 'ok',
    codeHash: row.code.codeHash,
    studentId: row.code.studentId,
    studentMasked: maskName(row.studentName),
    className: row.className,
    schoolName: row.schoolName,
    schoolId: row.schoolId,
  };
}

/**
 * Statements that use the code up and bind the identity, linked to the roster guardian with that relation
 * when there is exactly one. The binding is only inserted if this very write used the code, so a code raced
 * by two phones binds one of them.
 */
export async function bindStatements(
  deps: AppDeps,
  identity: ChatIdentity,
  codeHash: string,
  relation: Relation,
): Promise<{ statements: AtomicStatement[]; bindingId: string; studentId: string; schoolId: string } | null> {
  const { db } = deps.database;
  const now = deps.clock.now();
  const [code] = await db.select().from(bindingCodes).where(eq(bindingCodes.codeHash, codeHash)).limit(1);
  if (!code || code.usedAt !== null || code.revokedAt !== null || code.expiresAt <= now) return null;
  const [student] = await db.select().from(students).where(eq(students.id, code.studentId)).limit(1);
  if (!student) return null;
  const rosterMatches = await db
    .select({ guardianId: studentGuardians.guardianId })
    .from(studentGuardians)
    .where(and(eq(studentGuardians.studentId, student.id), eq(studentGuardians.relation, relation)));
  const guardianId = rosterMatches.length === 1 ? rosterMatches[0]!.guardianId : null;
  const bindingId = newId('b_');
  return {
    bindingId,
    studentId: student.id,
    schoolId: student.schoolId,
    statements: [
      db
        .update(bindingCodes)
        .set({ usedAt: now, usedBy: bindingId })
        .where(
          and(
            eq(bindingCodes.codeHash, codeHash),
            isNull(bindingCodes.usedAt),
            isNull(bindingCodes.revokedAt),
            gt(bindingCodes.expiresAt, now),
          ),
        ),
      // Revoke an earlier binding of the same person to the same child, so re-binding never duplicates.
      db
        .update(guardianBindings)
        .set({ revokedAt: now })
        .where(
          and(
            eq(guardianBindings.channel, identity.channel),
            eq(guardianBindings.identity, identity.id),
            eq(guardianBindings.studentId, student.id),
            isNull(guardianBindings.revokedAt),
          ),
        ),
      db.insert(guardianBindings).select(
        sql`select ${bindingId}, ${identity.channel}, ${identity.id}, ${student.id}, ${guardianId}, ${relation}, ${now}, null
            where exists (select 1 from ${bindingCodes} where ${bindingCodes.codeHash} = ${codeHash} and ${bindingCodes.usedBy} = ${bindingId})`,
      ),
      auditStatement(deps, {
        actorType: 'guardian',
        actorId: `${identity.channel}:${identity.id}`,
        action: 'binding.create',
        targetType: 'student',
        targetId: student.id,
        schoolId: student.schoolId,
        details: { relation, rosterGuardian: guardianId !== null },
      }),
    ],
  };
}

export interface BoundChild {
  bindingId: string;
  studentId: string;
  studentMasked: string;
  className: string;
  schoolName: string;
  schoolId: string;
  relation: Relation;
}

/** The children this chat identity is bound to, with names masked as the chat shows them. */
export async function boundChildren(deps: AppDeps, identity: ChatIdentity): Promise<BoundChild[]> {
  const rows = await deps.database.db
    .select({
      bindingId: guardianBindings.id,
      studentId: students.id,
      studentName: students.name,
      className: classes.name,
      schoolName: schools.name,
      schoolId: schools.id,
      relation: guardianBindings.relation,
    })
    .from(guardianBindings)
    .innerJoin(students, eq(students.id, guardianBindings.studentId))
    .innerJoin(classes, eq(classes.id, students.classId))
    .innerJoin(schools, eq(schools.id, students.schoolId))
    .where(
      and(
        eq(guardianBindings.channel, identity.channel),
        eq(guardianBindings.identity, identity.id),
        isNull(guardianBindings.revokedAt),
      ),
    );
  return rows.map(({ studentName, ...row }) => ({ ...row, studentMasked: maskName(studentName) }));
}

export async function unbindStatements(
  deps: AppDeps,
  identity: ChatIdentity,
  bindingId: string,
): Promise<AtomicStatement[] | null> {
  const children = await boundChildren(deps, identity);
  const child = children.find((item) => item.bindingId === bindingId);
  if (!child) return null;
  return [
    deps.database.db
      .update(guardianBindings)
      .set({ revokedAt: deps.clock.now() })
      .where(eq(guardianBindings.id, bindingId)),
    auditStatement(deps, {
      actorType: 'guardian',
      actorId: `${identity.channel}:${identity.id}`,
      action: 'binding.remove',
      targetType: 'student',
      targetId: child.studentId,
      schoolId: child.schoolId,
    }),
  ];
}
