import {
  type CategoryId,
  CategoryIdSchema,
  type ChildProfile,
  type EligibilityProfile,
  type ProfileField,
  StageIdSchema,
} from '../../policy/index.js';
import type { JsonValue, Vars } from '../conversation-state.js';

// The eligibility flow keeps what it knows in conversation vars named after the profile fields:
// flags as 'yes' / 'no' / 'unsure', ownership and residence by id, grade as '1'…'9', stage by id and the
// household categories as a list of ids (or 'unsure' / 'none').
// 'unsure' counts as asked (never asked again) but stays unknown to the rules.

/** Facts the flow has a question step for (flows/eligibility.json), and the step that asks each. */
export const QUESTION_STEPS: Readonly<Partial<Record<ProfileField, string>>> = {
  boarding: 'q_boarding',
  schoolOwnership: 'q_ownership',
  residence: 'q_residence',
  grade: 'q_grade',
  finalPreschoolYear: 'q_final_year',
  inclusiveKindergarten: 'q_inclusive',
  agriculturalMajor: 'q_agricultural',
  nutritionPilotArea: 'q_nutrition',
  specialSchool: 'q_special_school',
  outOfProvinceOrCentralUniversity: 'q_out_of_province',
};
export const ASKABLE_FIELDS = Object.keys(QUESTION_STEPS) as ProfileField[];

/** Every var the flow owns, cleared when a check starts again. */
export const ELIGIBILITY_VARS = [
  'stage',
  'category',
  'childChoice',
  'childLabel',
  'question',
  'asked',
  'applyOptions',
  ...ASKABLE_FIELDS,
] as const;

export function clearedEligibilityVars(): Vars {
  const vars: Vars = {};
  for (const name of ELIGIBILITY_VARS) vars[name] = null;
  return vars;
}

const FLAG_FIELDS = [
  'boarding',
  'finalPreschoolYear',
  'inclusiveKindergarten',
  'agriculturalMajor',
  'nutritionPilotArea',
  'specialSchool',
  'outOfProvinceOrCentralUniversity',
] as const;

function flag(value: JsonValue | undefined): boolean | undefined {
  if (value === 'yes') return true;
  if (value === 'no') return false;
  return undefined;
}

/** The profile the vars describe, or null while the stage is still unknown. */
export function profileFromVars(vars: Vars): EligibilityProfile | null {
  const stage = StageIdSchema.safeParse(vars.stage);
  if (!stage.success) return null;
  const child: ChildProfile = { stage: stage.data };
  for (const field of FLAG_FIELDS) {
    const value = flag(vars[field]);
    if (value !== undefined) child[field] = value;
  }
  if (vars.schoolOwnership === 'public' || vars.schoolOwnership === 'private')
    child.schoolOwnership = vars.schoolOwnership;
  if (vars.residence === 'rural' || vars.residence === 'urban') child.residence = vars.residence;
  const grade = Number(vars.grade);
  if (typeof vars.grade === 'string' && Number.isInteger(grade) && grade >= 1 && grade <= 9)
    child.grade = grade;
  // The household question takes several answers (a list); conversations saved before that hold one id.
  const answers = Array.isArray(vars.category) ? vars.category : [vars.category];
  const categories: CategoryId[] = [];
  for (const answer of answers) {
    const category = CategoryIdSchema.safeParse(answer);
    if (category.success && !categories.includes(category.data)) categories.push(category.data);
  }
  // "Not sure" is read as a hardship the school still has to determine: those programmes show as needs-check.
  if (categories.length === 0 && answers.includes('unsure')) categories.push('other_hardship');
  return { child, household: { categories } };
}

/** Whether the flow already has an answer (or an "unsure") for the field. */
export function isAnswered(vars: Vars, field: ProfileField): boolean {
  const value = vars[field];
  return value !== undefined && value !== null;
}
