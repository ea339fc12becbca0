import * as z from 'zod';

/** School stages as the policy catalogues name them; they decide which programmes a school's pupils can get. */
export const SCHOOL_STAGES = [
  'preschool',
  'primary',
  'junior_secondary',
  'senior_secondary',
  'vocational_secondary',
] as const;
export type SchoolStage = (typeof SCHOOL_STAGES)[number];

/** What the district officer fills in for a school: ownership and location drive eligibility too. */
export const schoolFieldsSchema = z.object({
  schoolName: z.string().trim().min(2).max(60),
  stage: z.enum(SCHOOL_STAGES),
  ownership: z.enum(['public', 'private']),
  residence: z.enum(['rural', 'urban']),
});
export type SchoolFields = z.infer<typeof schoolFieldsSchema>;

export function schoolProblemKey(field: string): string {
  switch (field) {
    case 'schoolName':
      return 'schools.errors.name';
    case 'stage':
      return 'schools.errors.stage';
    case 'ownership':
      return 'schools.errors.ownership';
    case 'residence':
      return 'schools.errors.residence';
    default:
      return 'forms.invalid';
  }
}
