/** The six columns of the roster template, in template order. */
export const ROSTER_FIELDS = [
  'className',
  'studentNumber',
  'studentName',
  'guardianName',
  'relation',
  'guardianPhone',
] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];

/** Columns without which a file is refused. Guardian columns are optional (a row may have no guardian). */
export const ROSTER_REQUIRED_FIELDS: readonly RosterField[] = ['className', 'studentNumber', 'studentName'];

export const GUARDIAN_RELATIONS = [
  'father',
  'mother',
  'grandparent',
  'maternal_grandparent',
  'other_guardian',
] as const;
export type GuardianRelation = (typeof GUARDIAN_RELATIONS)[number];

export type RosterIssueParams = Record<string, string | number>;

/**
 * One error or warning. `code` is stable (API and locale key `roster.issues.<code>`); `params` fill the
 * message's `{name}` placeholders; `field` says which column of the row it is about, when it is one.
 */
export interface RosterIssue<Code extends string = string> {
  code: Code;
  params: RosterIssueParams;
  field?: RosterField;
}

/** A row of a sheet as read, before header mapping. `line` is the row number the officer sees in Excel. */
export interface SheetRow {
  line: number;
  cells: string[];
  /** XLSX: columns holding a number longer than Excel's 15 significant digits (already rounded by Excel). */
  inexact?: number[];
}

/** A data row mapped to roster fields: raw cell text (absent columns are ''). */
export interface RosterRow {
  line: number;
  values: Record<RosterField, string>;
  /** Fields whose cell was a number too long for Excel to keep exactly (see SheetRow.inexact). */
  inexact?: RosterField[];
}

export type RosterFileFormat = 'csv' | 'xlsx';
export type RosterTextEncoding = 'utf-8' | 'gb18030' | 'big5' | 'utf-16le' | 'utf-16be';

export interface RosterClass {
  id: string;
  name: string;
  /** Optional grade label or number ("三年级", 3) for classes whose name has no grade ("2班"). */
  grade?: string | number;
}

export interface ExistingStudent {
  studentNumber: string;
  name: string;
  classId: string;
}

export interface ExistingGuardian {
  studentNumber: string;
  name: string;
  relation?: GuardianRelation;
  phone?: string | null;
}

export interface RosterValidationContext {
  classes: readonly RosterClass[];
  /**
   * Student numbers registered in classes this importer may not change (a class teacher importing only their
   * own class). Rows using them are refused without saying whose number it is.
   */
  protectedStudentNumbers?: readonly string[];
  existingStudents?: readonly ExistingStudent[];
  /** When given, guardians already on record are counted as unchanged/updated instead of added. */
  existingGuardians?: readonly ExistingGuardian[];
}

export type PhoneKind = 'mobile' | 'landline';

export interface NormalisedGuardian {
  name: string;
  relation: GuardianRelation;
  phone: string | null;
  phoneKind: PhoneKind | null;
}

/** A guardian as shown in the preview: relation/phone are null when the cell was empty or invalid. */
export interface PreviewGuardian {
  name: string;
  relation: GuardianRelation | null;
  phone: string | null;
  phoneKind: PhoneKind | null;
}

export interface RosterPreviewRow {
  line: number;
  /** Cell text as read (for showing the officer what was in the file). */
  raw: Record<RosterField, string>;
  values: {
    className: string;
    classId: string | null;
    studentNumber: string;
    studentName: string;
    guardian: PreviewGuardian | null;
  };
  errors: RosterIssue<RosterRowErrorCode>[];
  warnings: RosterIssue<RosterRowWarningCode>[];
  /** True for the template's example row: reported with a warning and not imported. */
  skipped: boolean;
}

export type PlanAction = 'create' | 'update' | 'unchanged';

export interface PlannedGuardian extends NormalisedGuardian {
  line: number;
  action: PlanAction;
}

export interface PlannedStudent {
  studentNumber: string;
  name: string;
  classId: string;
  action: PlanAction;
  /** Lines of the file that describe this student. */
  lines: number[];
  guardians: PlannedGuardian[];
}

export interface RosterSummary {
  /** Data rows read (skipped example row included). */
  totalRows: number;
  rowsWithErrors: number;
  rowsWithWarnings: number;
  studentsToCreate: number;
  studentsToUpdate: number;
  studentsUnchanged: number;
  guardiansToAdd: number;
  guardiansToUpdate: number;
  guardiansUnchanged: number;
  /** No file error, no row error, at least one row: the import may be committed as a whole. */
  canImport: boolean;
}

export interface RosterPreview {
  fileErrors: RosterIssue<RosterFileErrorCode>[];
  fileWarnings: RosterIssue<RosterFileWarningCode>[];
  rows: RosterPreviewRow[];
  /** Students built from error-free rows, in order of first appearance: the import plan. */
  students: PlannedStudent[];
  summary: RosterSummary;
}

export const ROSTER_FILE_ERROR_CODES = [
  'empty_file',
  'file_too_large',
  'xls_not_supported',
  'xlsx_invalid',
  'xlsx_too_large',
  'not_text',
  'csv_unclosed_quote',
  'cell_too_large',
  'header_not_found',
  'missing_columns',
  'duplicate_column',
  'wide_guardian_columns',
  'no_data_rows',
  'too_many_rows',
  'unreadable_file',
] as const;
export type RosterFileErrorCode = (typeof ROSTER_FILE_ERROR_CODES)[number];

export const ROSTER_FILE_WARNING_CODES = [
  'guardian_columns_missing',
  'columns_ignored',
  'other_sheets_ignored',
  'relations_missing',
  'no_guardians',
] as const;
export type RosterFileWarningCode = (typeof ROSTER_FILE_WARNING_CODES)[number];

export const ROSTER_ROW_ERROR_CODES = [
  'missing_class',
  'class_not_found',
  'ambiguous_class',
  'missing_student_number',
  'bad_student_number',
  'number_in_scientific_form',
  'number_precision_lost',
  'missing_student_name',
  'bad_name',
  'name_too_long',
  'duplicate_student_number',
  'conflicting_class',
  'student_name_mismatch',
  'student_number_elsewhere',
  'missing_guardian_name',
  'bad_relation',
  'bad_phone',
  'multiple_phones',
  'duplicate_guardian',
] as const;
export type RosterRowErrorCode = (typeof ROSTER_ROW_ERROR_CODES)[number];

export const ROSTER_ROW_WARNING_CODES = [
  'missing_relation',
  'missing_guardian_phone',
  'landline_phone',
  'no_guardian',
  'duplicate_row',
  'student_class_changed',
  'example_row_skipped',
] as const;
export type RosterRowWarningCode = (typeof ROSTER_ROW_WARNING_CODES)[number];

export type RosterIssueCode =
  | RosterFileErrorCode
  | RosterFileWarningCode
  | RosterRowErrorCode
  | RosterRowWarningCode;
