import { eq } from 'drizzle-orm';
import { boundChildren } from '../../binding/binding-service.js';
import { classes, schools, students } from '../../db/schema.js';
import { type StageId, StageIdSchema } from '../../policy/index.js';
import type { Vars } from '../conversation-state.js';
import type { Action } from './action.js';

/** Classes count grades across stages (七年级 = 7); the rules count years within the stage (初一 = 1). */
function gradeWithinStage(stage: StageId, grade: number): number | undefined {
  const offset =
    stage === 'junior_secondary' && grade >= 7 ? 6 : stage === 'senior_secondary' && grade >= 10 ? 9 : 0;
  const within = grade - offset;
  return within >= 1 && within <= 9 ? within : undefined;
}

/**
 * Fills in what the school roster already says about the chosen child (stage, boarding, the school's
 * ownership and location, grade), so the flow does not ask it again.
 */
export const eligibilityUseChild: Action = async ({ deps, identity, vars }) => {
  const children = await boundChildren(deps, identity);
  const child = children.find((item) => item.bindingId === vars.childChoice);
  if (!child) return { ok: false, errorKey: 'flows.children.already_gone' };
  const [row] = await deps.database.db
    .select({
      boarding: students.boarding,
      stage: schools.stage,
      ownership: schools.ownership,
      residence: schools.residence,
      grade: classes.grade,
    })
    .from(students)
    .innerJoin(schools, eq(schools.id, students.schoolId))
    .innerJoin(classes, eq(classes.id, students.classId))
    .where(eq(students.id, child.studentId))
    .limit(1);
  const stage = StageIdSchema.safeParse(row?.stage);
  if (!row || !stage.success)
    return { ok: true, next: 'ask_stage', vars: { childLabel: child.studentMasked } };
  const known: Vars = {
    childLabel: child.studentMasked,
    stage: stage.data,
    schoolOwnership: row.ownership,
    residence: row.residence,
  };
  if (row.boarding !== null) known.boarding = row.boarding ? 'yes' : 'no';
  const grade = gradeWithinStage(stage.data, row.grade);
  if (grade !== undefined) known.grade = String(grade);
  return { ok: true, vars: known };
};
