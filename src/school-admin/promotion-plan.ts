import { finalGrade, promotedClassName } from './grades.js';

export interface PromotionClass {
  id: string;
  name: string;
  grade: number;
  schoolYear: string;
}

export type PromotionStep =
  | { kind: 'promote'; classId: string; fromName: string; toName: string; toGrade: number }
  | { kind: 'graduate'; classId: string; name: string };

export type PromotionPlan =
  | { ok: true; steps: PromotionStep[] }
  | { ok: false; reason: 'nothing_to_do' }
  | { ok: false; reason: 'name_taken'; names: string[] };

/**
 * What "end of the school year" does to one grade: every class of it not yet in the target year moves up a
 * grade into that year (renamed when its name says the grade), or, for the school's last grade, graduates.
 * Classes already in the target year are left alone, so pressing the button twice changes nothing more.
 * Pure: `taken` is the set of class names the school already uses in the target year.
 */
export function planPromotion(
  stage: string,
  grade: number,
  targetYear: string,
  classRows: readonly PromotionClass[],
  taken: ReadonlySet<string>,
): PromotionPlan {
  const moving = classRows.filter((row) => row.grade === grade && row.schoolYear !== targetYear);
  if (moving.length === 0) return { ok: false, reason: 'nothing_to_do' };
  if (grade >= finalGrade(stage)) {
    return { ok: true, steps: moving.map((row) => ({ kind: 'graduate', classId: row.id, name: row.name })) };
  }
  const steps: PromotionStep[] = moving.map((row) => ({
    kind: 'promote',
    classId: row.id,
    fromName: row.name,
    toName: promotedClassName(stage, grade, row.name),
    toGrade: grade + 1,
  }));
  const names = steps.flatMap((step) => (step.kind === 'promote' ? [step.toName] : []));
  const clashes = names.filter((name, index) => taken.has(name) || names.indexOf(name) !== index);
  if (clashes.length > 0) return { ok: false, reason: 'name_taken', names: [...new Set(clashes)] };
  return { ok: true, steps };
}
