import * as z from 'zod';
import { isLocale, type Locale } from '../i18n/index.js';
import {
  type Audience,
  audienceSchema,
  type NoticeContent,
  type NoticeKind,
  noticeContentSchema,
} from './notice-content.js';
import type { NoticeDraft } from './notice-store.js';

export type FormValues = Record<string, string | string[]>;
export type FormResult = { ok: true; draft: NoticeDraft } | { ok: false; errors: string[] };

const text = (form: FormValues, name: string) => {
  const value = form[name];
  return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).toString();
};
const list = (form: FormValues, name: string) => {
  const value = form[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
};

/**
 * Reads the console's notice form into a draft (pure). `studentIdByNumber` resolves the 学号 of 告知书 rows;
 * `allowedClassIds` limits a class teacher to their own classes.
 */
export function readNoticeForm(
  form: FormValues,
  options: { kind: NoticeKind; studentIdByNumber: ReadonlyMap<string, string>; fallbackLocale: Locale },
): FormResult {
  const errors: string[] = [];
  const scope = text(form, 'scope');
  const audienceInput =
    scope === 'school'
      ? { scope }
      : scope === 'grades'
        ? { scope, grades: list(form, 'grades').map(Number) }
        : { scope: 'classes', classIds: list(form, 'classIds') };
  const audience = audienceSchema.safeParse(audienceInput);
  if (!audience.success) errors.push('audience');

  const programmes = [];
  for (let index = 0; index < 30 && form[`p${index}_name`] !== undefined; index++) {
    if (!text(form, `p${index}_name`).trim()) continue;
    programmes.push({
      programmeId: text(form, `p${index}_id`) || undefined,
      name: text(form, `p${index}_name`),
      target: text(form, `p${index}_target`),
      standard: text(form, `p${index}_standard`),
      application: text(form, `p${index}_application`) === 'required' ? 'required' : 'not_required',
      payment: text(form, `p${index}_payment`),
    });
  }
  const studentRows: Record<string, { programme: string; amount: string; paidOn: string }[]> = {};
  for (const [lineNumber, line] of text(form, 'rows').split(/\r?\n/).entries()) {
    if (!line.trim()) continue;
    const [number = '', programme = '', amount = '', paidOn = ''] = line
      .split(/[,，\t]/)
      .map((cell) => cell.trim());
    const studentId = options.studentIdByNumber.get(number);
    if (!studentId) {
      errors.push(`rows:${lineNumber + 1}`);
      continue;
    }
    const rows = studentRows[studentId] ?? [];
    rows.push({ programme, amount, paidOn });
    studentRows[studentId] = rows;
  }
  const check = [];
  for (let index = 0; index < 3; index++) {
    const question = text(form, `q${index}_question`).trim();
    if (!question) continue;
    const optionLines = text(form, `q${index}_options`)
      .split(/\r?\n/)
      .map((each) => each.trim())
      .filter(Boolean);
    check.push({
      question,
      options: optionLines,
      answer: Number(text(form, `q${index}_answer`) || '1') - 1,
      explanation: text(form, `q${index}_explanation`).trim() || undefined,
    });
  }
  const content = noticeContentSchema.safeParse({
    body: text(form, 'body'),
    stage: text(form, 'stage') || undefined,
    programmes,
    studentRows,
    deadline: text(form, 'deadline'),
    antiFraud: text(form, 'antiFraud'),
    consultPhone: text(form, 'consultPhone'),
    reportPhone: text(form, 'reportPhone'),
    check,
  });
  if (!content.success) {
    for (const issue of content.error.issues) errors.push(issue.path.join('.') || issue.message);
  }
  const title = z.string().trim().min(1).max(200).safeParse(text(form, 'title'));
  if (!title.success) errors.push('title');
  const confirmation = z.enum(['read', 'confirm', 'sign']).safeParse(text(form, 'confirmation'));
  if (!confirmation.success) errors.push('confirmation');
  const locale = text(form, 'noticeLocale');
  if (errors.length > 0 || !audience.success || !content.success || !title.success || !confirmation.success) {
    return { ok: false, errors: [...new Set(errors)] };
  }
  return {
    ok: true,
    draft: {
      kind: options.kind,
      audience: audience.data as Audience,
      title: title.data,
      locale: isLocale(locale) ? locale : options.fallbackLocale,
      confirmation: confirmation.data,
      content: content.data as NoticeContent,
    },
  };
}
