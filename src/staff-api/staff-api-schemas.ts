import * as z from 'zod';
import { STAFF_ROLES } from '../auth/staff-actor.js';

// Requests and answers of the staff JSON API, once: the routes validate with these and /openapi.json is
// built from them.

export const StaffMeSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(STAFF_ROLES),
    schoolId: z.string().nullable(),
    districtId: z.string().nullable(),
    classIds: z.array(z.string()).describe('The classes a class teacher teaches (empty for other roles).'),
  })
  .meta({ id: 'StaffMe' });

export const StaffClassSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    grade: z.number().int(),
    schoolId: z.string(),
    schoolName: z.string(),
    schoolYear: z.string(),
    term: z.enum(['spring', 'autumn']),
  })
  .meta({ id: 'StaffClass' });

export const StaffClassListSchema = z
  .object({ classes: z.array(StaffClassSchema).describe('Every class this token’s role may see.') })
  .meta({ id: 'StaffClassList' });
