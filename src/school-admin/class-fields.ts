import * as z from 'zod';

/** A class as the officer names it (三年级二班, 初一(3)班, 2023级5班), its grade and the term it belongs to. */
export const classFieldsSchema = z.object({
  className: z.string().trim().min(1).max(30),
  grade: z.coerce.number().int().min(1).max(12),
  termId: z.string().min(1).max(60),
});

export function classProblemKey(field: string): string {
  switch (field) {
    case 'className':
      return 'admin.classes.errors.name';
    case 'grade':
      return 'admin.classes.errors.grade';
    case 'termId':
      return 'admin.classes.errors.term';
    default:
      return 'forms.invalid';
  }
}
