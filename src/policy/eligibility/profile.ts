import * as z from 'zod';
import {
  CategoryIdSchema,
  type FlagField,
  OWNERSHIPS,
  type ProfileField,
  RESIDENCES,
  StageIdSchema,
} from '../catalog-schema.js';

/** What we know about the child; every field except stage may be unknown (left out). */
export const ChildProfileSchema = z.object({
  stage: StageIdSchema,
  boarding: z.boolean().optional(),
  schoolOwnership: z.enum(OWNERSHIPS).optional(),
  residence: z.enum(RESIDENCES).optional(),
  /** Year within the current stage: 1 for the first year of 初中, 中职, etc. */
  grade: z.number().int().min(1).max(9).optional(),
  finalPreschoolYear: z.boolean().optional(),
  /** 普惠性幼儿园 (public or approved private inclusive kindergarten). */
  inclusiveKindergarten: z.boolean().optional(),
  agriculturalMajor: z.boolean().optional(),
  performingArtsMajor: z.boolean().optional(),
  fullTime: z.boolean().optional(),
  specialSchool: z.boolean().optional(),
  nutritionPilotArea: z.boolean().optional(),
  outOfProvinceOrCentralUniversity: z.boolean().optional(),
});
export type ChildProfile = z.infer<typeof ChildProfileSchema>;

export const EligibilityProfileSchema = z.object({
  child: ChildProfileSchema,
  household: z.object({ categories: z.array(CategoryIdSchema) }),
});
export type EligibilityProfile = z.infer<typeof EligibilityProfileSchema>;

/** The possible answers to a question we may ask; grade is open-ended so it is not enumerated. */
export const FIELD_DOMAINS: Partial<Record<ProfileField, readonly (string | boolean)[]>> = {
  schoolOwnership: OWNERSHIPS,
  residence: RESIDENCES,
};
const BOOLEAN_DOMAIN = [true, false] as const;

export function domainOf(field: ProfileField): readonly (string | boolean)[] | undefined {
  if (field === 'grade') return undefined;
  return FIELD_DOMAINS[field] ?? BOOLEAN_DOMAIN;
}

export function isFlagField(field: ProfileField): field is FlagField {
  return field !== 'grade' && field !== 'schoolOwnership' && field !== 'residence';
}
