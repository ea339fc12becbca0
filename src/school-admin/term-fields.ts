import * as z from 'zod';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => !Number.isNaN(Date.parse(value)));

/**
 * A 学年 is written "2026-2027"; its autumn term starts in the first year, its spring term in the second.
 * The dates are what the school's calendar says (e.g. 2026-09-01 to 2027-01-22).
 */
export const termFieldsSchema = z
  .object({
    schoolYear: z
      .string()
      .trim()
      .regex(/^\d{4}-\d{4}$/)
      .refine((value) => Number(value.slice(5)) === Number(value.slice(0, 4)) + 1),
    term: z.enum(['spring', 'autumn']),
    startsOn: isoDate,
    endsOn: isoDate,
  })
  .refine((form) => form.endsOn > form.startsOn, { path: ['endsOn'], message: 'order' })
  .refine(
    (form) => {
      const startYear = Number(form.startsOn.slice(0, 4));
      const first = Number(form.schoolYear.slice(0, 4));
      return form.term === 'autumn' ? startYear === first : startYear === first + 1;
    },
    { path: ['startsOn'], message: 'year' },
  );
export type TermFields = z.infer<typeof termFieldsSchema>;

export const termDatesSchema = z
  .object({ startsOn: isoDate, endsOn: isoDate })
  .refine((form) => form.endsOn > form.startsOn, { path: ['endsOn'], message: 'order' });

export function termProblemKey(field: string, message: string): string {
  if (field === 'endsOn' && message === 'order') return 'admin.terms.errors.order';
  if (field === 'startsOn' && message === 'year') return 'admin.terms.errors.start_year';
  if (field === 'schoolYear') return 'admin.terms.errors.school_year';
  if (field === 'startsOn' || field === 'endsOn') return 'admin.terms.errors.date';
  return 'forms.invalid';
}

/** Two terms overlap when each starts before the other ends (dates are inclusive). */
export function termsOverlap(
  a: { startsOn: string; endsOn: string },
  b: { startsOn: string; endsOn: string },
) {
  return a.startsOn <= b.endsOn && b.startsOn <= a.endsOn;
}

/** Today's date (YYYY-MM-DD) in China, where every school using Mingbai is. */
export function todayInChina(now: number): string {
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
}
