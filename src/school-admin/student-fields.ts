import * as z from 'zod';
import { GUARDIAN_RELATIONS, normalisePhone, normaliseStudentNumber } from '../roster/index.js';

/** A student typed by hand: the same rules as a roster row (学号 as an identifier, names trimmed). */
export const studentFieldsSchema = z.object({
  studentNumber: z.string().transform((raw, ctx) => {
    const result = normaliseStudentNumber(raw);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.reason });
      return z.NEVER;
    }
    return result.value;
  }),
  studentName: z.string().trim().min(1).max(30),
  classId: z.string().min(1).max(60),
  boarding: z.enum(['', 'yes', 'no']).default(''),
});

/** A guardian typed by hand; the phone is optional (some grandparents have none) but must be a real number. */
export const guardianFieldsSchema = z.object({
  guardianName: z.string().trim().min(1).max(30),
  relation: z.enum(GUARDIAN_RELATIONS),
  phone: z
    .string()
    .default('')
    .transform((raw, ctx) => {
      if (raw.trim() === '') return null;
      const result = normalisePhone(raw);
      if (!result.ok) {
        ctx.addIssue({ code: 'custom', message: result.reason });
        return z.NEVER;
      }
      return result.phone;
    }),
});

export function studentProblemKey(field: string, message: string): string {
  switch (field) {
    case 'studentNumber':
      return message === 'missing_student_number'
        ? 'admin.students.errors.number_missing'
        : 'admin.students.errors.number';
    case 'studentName':
      return 'admin.students.errors.name';
    case 'classId':
      return 'admin.students.errors.class';
    case 'guardianName':
      return 'admin.students.errors.guardian_name';
    case 'relation':
      return 'admin.students.errors.relation';
    case 'phone':
      return message === 'multiple_phones' ? 'admin.students.errors.phones' : 'admin.students.errors.phone';
    default:
      return 'forms.invalid';
  }
}

export function boardingValue(value: '' | 'yes' | 'no'): boolean | null {
  return value === '' ? null : value === 'yes';
}

export function boardingField(value: boolean | null): '' | 'yes' | 'no' {
  return value === null ? '' : value ? 'yes' : 'no';
}
