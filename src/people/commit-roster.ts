import { and, eq } from 'drizzle-orm';
import { auditStatement } from '../audit/audit-log.js';
import type { StaffActor } from '../auth/staff-actor.js';
import { guardians, rosterImports, studentGuardians, students } from '../db/schema.js';
import { abortUnlessChanged } from '../db/write-guard.js';
import type { AppDeps, AtomicStatement } from '../platform/ports.js';
import type { RosterPreview } from '../roster/index.js';
import { newId } from '../util/ids.js';
import type { rosterContextFor } from './roster-context.js';

// D1 allows 100 bound parameters per statement: multi-row inserts are cut to fit.
const MAX_PARAMS = 100;

function chunk<T>(items: T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMS / columns));
  const chunks: T[][] = [];
  for (let index = 0; index < items.length; index += size) chunks.push(items.slice(index, index + size));
  return chunks;
}

/**
 * Applies a validated import plan in one atomic write: new students and guardians inserted, moved students
 * and changed phone numbers updated, unchanged rows left alone. Running it again with the same file changes
 * nothing (the plan is then all "unchanged").
 */
export function rosterCommitStatements(
  deps: AppDeps,
  actor: StaffActor,
  importId: string,
  schoolId: string,
  plan: RosterPreview,
  current: Awaited<ReturnType<typeof rosterContextFor>>,
): AtomicStatement[] {
  const { db } = deps.database;
  const now = deps.clock.now();
  const idByNumber = new Map(current.existing.map((row) => [row.studentNumber, row.id]));
  const linksByStudent = new Map<string, typeof current.links>();
  for (const link of current.links)
    linksByStudent.set(link.studentId, [...(linksByStudent.get(link.studentId) ?? []), link]);

  const newStudents: (typeof students.$inferInsert)[] = [];
  const newGuardians: (typeof guardians.$inferInsert)[] = [];
  const newLinks: (typeof studentGuardians.$inferInsert)[] = [];
  const updates: AtomicStatement[] = [];

  for (const planned of plan.students) {
    let studentId = idByNumber.get(planned.studentNumber);
    if (!studentId) {
      studentId = newId('s_');
      newStudents.push({
        id: studentId,
        schoolId,
        classId: planned.classId,
        studentNumber: planned.studentNumber,
        name: planned.name,
        createdAt: now,
        updatedAt: now,
      });
    } else if (planned.action === 'update') {
      updates.push(
        db
          .update(students)
          .set({ classId: planned.classId, name: planned.name, updatedAt: now })
          .where(eq(students.id, studentId)),
      );
    }
    for (const guardian of planned.guardians) {
      if (guardian.action === 'unchanged') continue;
      const known = (linksByStudent.get(studentId) ?? []).find((link) => link.name === guardian.name);
      if (known) {
        updates.push(
          db.update(guardians).set({ phone: guardian.phone }).where(eq(guardians.id, known.guardianId)),
        );
        updates.push(
          db
            .update(studentGuardians)
            .set({ relation: guardian.relation })
            .where(
              and(
                eq(studentGuardians.studentId, studentId),
                eq(studentGuardians.guardianId, known.guardianId),
              ),
            ),
        );
      } else {
        const guardianId = newId('g_');
        newGuardians.push({ id: guardianId, name: guardian.name, phone: guardian.phone, createdAt: now });
        newLinks.push({ studentId, guardianId, relation: guardian.relation });
      }
    }
  }

  return [
    // First, and guarded: only the confirm that moves the import from pending to committed writes anything.
    // A second confirm racing it aborts here, before a single student or guardian is inserted twice.
    db
      .update(rosterImports)
      .set({ status: 'committed', committedAt: now, summary: JSON.stringify(plan.summary) })
      .where(and(eq(rosterImports.id, importId), eq(rosterImports.status, 'pending'))),
    abortUnlessChanged(db),
    ...chunk(newStudents, 7).map((rows) => db.insert(students).values(rows)),
    ...chunk(newGuardians, 4).map((rows) => db.insert(guardians).values(rows)),
    ...chunk(newLinks, 3).map((rows) => db.insert(studentGuardians).values(rows)),
    ...updates,
    auditStatement(deps, {
      actorType: 'staff',
      actorId: actor.id,
      action: 'roster.import',
      targetType: 'roster_import',
      targetId: importId,
      schoolId,
      details: {
        studentsCreated: newStudents.length,
        studentsUpdated: plan.summary.studentsToUpdate,
        guardiansAdded: newGuardians.length,
        guardiansUpdated: plan.summary.guardiansToUpdate,
      },
    }),
  ];
}
