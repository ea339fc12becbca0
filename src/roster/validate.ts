import { createClassMatcher } from './class-match.js';
import { issue } from './issues.js';
import { ROSTER_MAX_NAME_CHARS, ROSTER_MAX_ROWS } from './limits.js';
import { normalisePhone } from './phone.js';
import { normaliseRelation } from './relation.js';
import { normaliseStudentNumber } from './student-number.js';
import { ROSTER_TEMPLATE_EXAMPLE } from './template.js';
import { cleanCell, cleanName, looksLikeName, nameKey } from './text.js';
import type {
  ExistingGuardian,
  ExistingStudent,
  PlanAction,
  PlannedGuardian,
  PlannedStudent,
  PreviewGuardian,
  RosterField,
  RosterFileErrorCode,
  RosterFileWarningCode,
  RosterIssue,
  RosterPreview,
  RosterPreviewRow,
  RosterRow,
  RosterRowErrorCode,
  RosterRowWarningCode,
  RosterSummary,
  RosterValidationContext,
} from './types.js';

type RowError = RosterIssue<RosterRowErrorCode>;
type RowWarning = RosterIssue<RosterRowWarningCode>;

interface WorkRow {
  preview: RosterPreviewRow;
  numberOk: boolean;
  nameOk: boolean;
}

function checkName(
  raw: string,
  field: RosterField,
  missingCode: RosterRowErrorCode | null,
  errors: RowError[],
): { name: string; ok: boolean } {
  const name = cleanName(raw);
  if (name === '') {
    if (missingCode) errors.push(issue(missingCode, {}, field));
    return { name, ok: false };
  }
  if (name.length > ROSTER_MAX_NAME_CHARS) {
    errors.push(issue('name_too_long', { column: field, max: ROSTER_MAX_NAME_CHARS }, field));
    return { name, ok: false };
  }
  if (!looksLikeName(name)) {
    errors.push(issue('bad_name', { column: field, value: name }, field));
    return { name, ok: false };
  }
  return { name, ok: true };
}

function isExampleRow(row: RosterRow): boolean {
  return (
    cleanName(row.values.studentName) === ROSTER_TEMPLATE_EXAMPLE.studentName &&
    cleanCell(row.values.studentNumber) === ROSTER_TEMPLATE_EXAMPLE.studentNumber
  );
}

/** Row-local checks: each cell on its own, plus the class lookup. */
function checkRow(row: RosterRow, matchClass: ReturnType<typeof createClassMatcher>): WorkRow {
  const errors: RowError[] = [];
  const warnings: RowWarning[] = [];
  const v = row.values;

  const className = cleanCell(v.className);
  let classId: string | null = null;
  if (className === '') errors.push(issue('missing_class', {}, 'className'));
  else {
    const match = matchClass.match(className);
    if (match.kind === 'found') classId = match.classId;
    else if (match.kind === 'not_found') errors.push(issue('class_not_found', { className }, 'className'));
    else {
      errors.push(
        issue('ambiguous_class', { className, candidates: match.candidates.join(', ') }, 'className'),
      );
    }
  }

  let number = normaliseStudentNumber(v.studentNumber);
  const studentNumber = number.ok ? number.value : cleanCell(v.studentNumber);
  if (number.ok && row.inexact?.includes('studentNumber')) {
    number = { ok: false, reason: 'number_precision_lost' };
  }
  if (!number.ok) {
    const params: Record<string, string> = { column: 'studentNumber' };
    if (number.reason !== 'missing_student_number') params.value = studentNumber;
    errors.push(issue(number.reason, params, 'studentNumber'));
  }

  const student = checkName(v.studentName, 'studentName', 'missing_student_name', errors);

  let guardian: PreviewGuardian | null = null;
  const guardianRaw = cleanName(v.guardianName);
  const relationRaw = cleanCell(v.relation);
  const phoneRaw = cleanCell(v.guardianPhone);
  if (guardianRaw !== '' || relationRaw !== '' || phoneRaw !== '') {
    const name = checkName(v.guardianName, 'guardianName', 'missing_guardian_name', errors);
    let relation = normaliseRelation(relationRaw);
    if (relationRaw === '') {
      relation = 'other_guardian';
      if (name.ok) warnings.push(issue('missing_relation', {}, 'relation'));
    } else if (relation === null) {
      errors.push(issue('bad_relation', { value: relationRaw }, 'relation'));
    }
    let phone: string | null = null;
    let phoneKind: PreviewGuardian['phoneKind'] = null;
    if (phoneRaw === '') {
      if (name.ok) warnings.push(issue('missing_guardian_phone', {}, 'guardianPhone'));
    } else {
      const result = normalisePhone(phoneRaw);
      if (result.ok) {
        phone = result.phone;
        phoneKind = result.kind;
        if (result.kind === 'landline') warnings.push(issue('landline_phone', { phone }, 'guardianPhone'));
      } else {
        errors.push(issue(result.reason, { value: phoneRaw, column: 'guardianPhone' }, 'guardianPhone'));
      }
    }
    guardian = { name: name.name, relation, phone, phoneKind };
  }

  return {
    preview: {
      line: row.line,
      raw: { ...v },
      values: { className, classId, studentNumber, studentName: student.name, guardian },
      errors,
      warnings,
      skipped: false,
    },
    numberOk: number.ok,
    nameOk: student.ok,
  };
}

/** A summary with nothing to do, e.g. for a file that could not be read. */
export function emptySummary(totalRows: number): RosterSummary {
  return {
    totalRows,
    rowsWithErrors: 0,
    rowsWithWarnings: 0,
    studentsToCreate: 0,
    studentsToUpdate: 0,
    studentsUnchanged: 0,
    guardiansToAdd: 0,
    guardiansToUpdate: 0,
    guardiansUnchanged: 0,
    canImport: false,
  };
}

function guardianAction(existing: ExistingGuardian | undefined, g: PreviewGuardian): PlanAction {
  if (!existing) return 'create';
  const samePhone = (existing.phone ?? null) === g.phone;
  const sameRelation = existing.relation === undefined || existing.relation === g.relation;
  return samePhone && sameRelation ? 'unchanged' : 'update';
}

/**
 * Validates mapped roster rows against the school's classes (and, optionally, the students and guardians
 * already on record) and returns the preview the console shows before anything is written. Pure and
 * deterministic: the same input always gives a deep-equal result. Never throws.
 *
 * Cross-row rules: one row per guardian, rows of one student share the 学号; the same 学号 with another
 * student name is `duplicate_student_number`, with another class `conflicting_class`; the same guardian
 * name twice for one student is `duplicate_row` (identical, a warning) or `duplicate_guardian` (differing
 * phone/relation, an error). A 学号 already on record with another name is `student_name_mismatch`.
 */
export function validateRoster(rows: readonly RosterRow[], context: RosterValidationContext): RosterPreview {
  const fileErrors: RosterIssue<RosterFileErrorCode>[] = [];
  const fileWarnings: RosterIssue<RosterFileWarningCode>[] = [];
  if (rows.length === 0) {
    fileErrors.push(issue('no_data_rows'));
    return { fileErrors, fileWarnings, rows: [], students: [], summary: emptySummary(0) };
  }
  if (rows.length > ROSTER_MAX_ROWS) {
    fileErrors.push(issue('too_many_rows', { max: ROSTER_MAX_ROWS, count: rows.length }));
    return { fileErrors, fileWarnings, rows: [], students: [], summary: emptySummary(rows.length) };
  }

  const matcher = createClassMatcher(context.classes);
  const classNames = new Map(context.classes.map((cls) => [cls.id, cls.name]));
  const existingStudents = new Map<string, ExistingStudent>();
  for (const student of context.existingStudents ?? []) {
    const n = normaliseStudentNumber(student.studentNumber);
    if (n.ok) existingStudents.set(n.value, student);
  }
  const existingGuardians = new Map<string, ExistingGuardian>();
  for (const guardian of context.existingGuardians ?? []) {
    const n = normaliseStudentNumber(guardian.studentNumber);
    if (n.ok) existingGuardians.set(`${n.value}\u0000${nameKey(guardian.name)}`, guardian);
  }

  const work: WorkRow[] = rows.map((row) => {
    if (isExampleRow(row)) {
      const w = checkRow({ line: row.line, values: row.values }, matcher);
      w.preview.errors = [];
      w.preview.warnings = [issue('example_row_skipped')];
      w.preview.skipped = true;
      return w;
    }
    return checkRow(row, matcher);
  });
  const active = work.filter((w) => !w.preview.skipped);

  // A file whose guardian rows all lack a relation gets one file warning instead of one per row.
  const guardianRows = active.filter((w) => w.preview.values.guardian !== null);
  const withoutRelation = guardianRows.filter((w) =>
    w.preview.warnings.some((x) => x.code === 'missing_relation'),
  );
  if (withoutRelation.length > 0 && withoutRelation.length === guardianRows.length) {
    fileWarnings.push(issue('relations_missing', { count: withoutRelation.length }));
    for (const w of withoutRelation)
      w.preview.warnings = w.preview.warnings.filter((x) => x.code !== 'missing_relation');
  }

  if (active.length > 0 && guardianRows.length === 0) fileWarnings.push(issue('no_guardians'));

  // Cross-row checks, grouped by student number.
  interface Group {
    first: WorkRow;
    rows: WorkRow[];
    guardians: Map<string, WorkRow>;
  }
  const groups = new Map<string, Group>();
  for (const w of active) {
    if (!w.numberOk) continue;
    const p = w.preview;
    const number = p.values.studentNumber;
    let group = groups.get(number);
    if (!group) {
      group = { first: w, rows: [], guardians: new Map() };
      groups.set(number, group);
    } else {
      const first = group.first.preview;
      if (
        w.nameOk &&
        group.first.nameOk &&
        nameKey(p.values.studentName) !== nameKey(first.values.studentName)
      ) {
        p.errors.push(
          issue(
            'duplicate_student_number',
            { studentNumber: number, firstLine: first.line, firstName: first.values.studentName },
            'studentNumber',
          ),
        );
      } else if (
        p.values.className !== '' &&
        first.values.className !== '' &&
        (p.values.classId !== null && first.values.classId !== null
          ? p.values.classId !== first.values.classId
          : p.values.classId === null &&
            first.values.classId === null &&
            p.values.className !== first.values.className)
      ) {
        p.errors.push(
          issue(
            'conflicting_class',
            { studentNumber: number, firstLine: first.line, firstClass: first.values.className },
            'className',
          ),
        );
      }
    }
    group.rows.push(w);

    const g = p.values.guardian;
    if (g && g.name !== '') {
      const key = nameKey(g.name);
      const earlier = group.guardians.get(key);
      if (!earlier) group.guardians.set(key, w);
      else {
        const e = earlier.preview.values.guardian!;
        if (e.phone === g.phone && e.relation === g.relation) {
          p.warnings.push(issue('duplicate_row', { firstLine: earlier.preview.line }, 'guardianName'));
        } else {
          p.errors.push(
            issue(
              'duplicate_guardian',
              { guardianName: g.name, firstLine: earlier.preview.line },
              'guardianName',
            ),
          );
        }
      }
    }
  }

  // Against existing records, and building the plan.
  const students: PlannedStudent[] = [];
  const protectedNumbers = new Set(context.protectedStudentNumbers ?? []);
  for (const [number, group] of groups) {
    const first = group.first.preview;
    if (protectedNumbers.has(number)) {
      for (const w of group.rows)
        w.preview.errors.push(issue('student_number_elsewhere', { studentNumber: number }, 'studentNumber'));
      continue;
    }
    const existing = existingStudents.get(number);
    if (existing && group.first.nameOk && nameKey(existing.name) !== nameKey(first.values.studentName)) {
      for (const w of group.rows) {
        if (w.nameOk && nameKey(w.preview.values.studentName) === nameKey(first.values.studentName)) {
          w.preview.errors.push(
            issue(
              'student_name_mismatch',
              { studentNumber: number, existingName: existing.name },
              'studentName',
            ),
          );
        }
      }
    }
    if (guardianRows.length > 0 && group.rows.every((w) => w.preview.values.guardian === null)) {
      for (const w of group.rows) w.preview.warnings.push(issue('no_guardian'));
    }

    const valid = group.rows.filter((w) => w.preview.errors.length === 0);
    const base = valid[0]?.preview;
    if (!base || base.values.classId === null) continue;
    let action: PlanAction = 'create';
    if (existing) {
      action = existing.classId === base.values.classId ? 'unchanged' : 'update';
      if (action === 'update') {
        base.warnings.push(
          issue(
            'student_class_changed',
            {
              fromClass: classNames.get(existing.classId) ?? existing.classId,
              toClass: base.values.className,
            },
            'className',
          ),
        );
      }
    }
    const guardians: PlannedGuardian[] = [];
    for (const w of valid) {
      const g = w.preview.values.guardian;
      if (!g || g.relation === null || w.preview.warnings.some((x) => x.code === 'duplicate_row')) continue;
      const known = existingGuardians.get(`${number}\u0000${nameKey(g.name)}`);
      guardians.push({
        name: g.name,
        relation: g.relation,
        phone: g.phone,
        phoneKind: g.phoneKind,
        line: w.preview.line,
        action: guardianAction(known, g),
      });
    }
    students.push({
      studentNumber: number,
      name: base.values.studentName,
      classId: base.values.classId,
      action,
      lines: group.rows.map((w) => w.preview.line),
      guardians,
    });
  }

  const previewRows = work.map((w) => w.preview);
  const summary = emptySummary(rows.length);
  for (const p of previewRows) {
    if (p.errors.length > 0) summary.rowsWithErrors++;
    if (p.warnings.length > 0) summary.rowsWithWarnings++;
  }
  for (const s of students) {
    if (s.action === 'create') summary.studentsToCreate++;
    else if (s.action === 'update') summary.studentsToUpdate++;
    else summary.studentsUnchanged++;
    for (const g of s.guardians) {
      if (g.action === 'create') summary.guardiansToAdd++;
      else if (g.action === 'update') summary.guardiansToUpdate++;
      else summary.guardiansUnchanged++;
    }
  }
  summary.canImport = summary.rowsWithErrors === 0 && active.length > 0;
  if (active.length === 0) fileErrors.push(issue('no_data_rows'));
  return { fileErrors, fileWarnings, rows: previewRows, students, summary };
}
