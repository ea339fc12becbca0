import type { SchoolStage } from '../schools/index.js';

// Grades are stored as numbers: 1–6 primary, 7–9 junior secondary, 10–12 senior and vocational secondary,
// 1–3 for a kindergarten's 小班/中班/大班. These pure helpers name them and find the next one.

const GRADES: Record<SchoolStage, readonly number[]> = {
  preschool: [1, 2, 3],
  primary: [1, 2, 3, 4, 5, 6],
  junior_secondary: [7, 8, 9],
  senior_secondary: [10, 11, 12],
  vocational_secondary: [10, 11, 12],
};

export function gradesOf(stage: string): readonly number[] {
  return GRADES[stage as SchoolStage] ?? GRADES.primary;
}

/** The grade a school's pupils leave from (graduate) at the end of the school year. */
export function finalGrade(stage: string): number {
  return gradesOf(stage).at(-1)!;
}

/** The locale key of a grade's name: admin.grade.g3 = 三年级, admin.grade.k1 = 小班. */
export function gradeKey(stage: string, grade: number): string {
  return stage === 'preschool' ? `admin.grade.k${grade}` : `admin.grade.g${grade}`;
}

const CN = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
const KINDERGARTEN = ['', '小班', '中班', '大班'];

/** The ways a class name may write grade `grade`, longest first, e.g. 3 → 三年级, 3年级. */
function gradeWords(stage: string, grade: number): string[] {
  if (stage === 'preschool') return [KINDERGARTEN[grade] ?? ''].filter(Boolean);
  const words = [`${CN[grade]}年级`, `${grade}年级`];
  if (grade >= 7 && grade <= 9) words.push(`初${CN[grade - 6]}`);
  if (grade >= 10 && grade <= 12) words.push(`高${CN[grade - 9]}`);
  return words;
}

/**
 * The class's name one grade up: 三年级二班 → 四年级二班, 初一(3)班 → 初二(3)班, 7年级1班 → 8年级1班.
 * A name without a grade in it (2023级5班 names the cohort, which does not change) stays as it is.
 */
export function promotedClassName(stage: string, grade: number, name: string): string {
  const from = gradeWords(stage, grade);
  const to = gradeWords(stage, grade + 1);
  for (const [index, word] of from.entries()) {
    if (name.includes(word) && to[index]) return name.replace(word, to[index]!);
  }
  return name;
}
