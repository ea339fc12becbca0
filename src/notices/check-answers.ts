import type { CheckQuestion } from './notice-content.js';

/** Which questions were answered wrongly (empty: all right, or there are none). Pure. */
export function wrongAnswers(check: readonly CheckQuestion[], answers: readonly (number | null)[]): number[] {
  return check.flatMap((question, index) => (answers[index] === question.answer ? [] : [index]));
}

/** Reads answers `q0`, `q1`, … from a form; anything unreadable is no answer. */
export function answersFromForm(
  check: readonly CheckQuestion[],
  form: Record<string, unknown>,
): (number | null)[] {
  return check.map((_, index) => {
    const value = form[`q${index}`];
    const parsed = typeof value === 'string' && /^[0-3]$/.test(value) ? Number(value) : null;
    return parsed;
  });
}
