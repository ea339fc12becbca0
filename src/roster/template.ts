import { csvFile } from '../export/csv-file.js';
import { xlsxFile } from '../export/xlsx-file.js';
import { ROSTER_TEMPLATE_HEADERS } from './headers.js';
import { ROSTER_FIELDS, type RosterField } from './types.js';

/**
 * The template's example row. It is obviously fake (示例 = "example"; 13800000000 is the textbook
 * placeholder number) and, if the officer leaves it in, validation skips it with `example_row_skipped`.
 */
export const ROSTER_TEMPLATE_EXAMPLE: Readonly<Record<RosterField, string>> = {
  className: '三年级(2)班',
  studentNumber: '20240000',
  studentName: '示例学生',
  guardianName: '示例家长',
  relation: '母亲',
  guardianPhone: '13800000000',
};

/** The CSV template: UTF-8 with BOM (so Excel opens it as UTF-8), CRLF, zh-CN headers and the example row. */
export function rosterTemplateCsv(): Uint8Array {
  return csvFile([
    ROSTER_FIELDS.map((field) => ROSTER_TEMPLATE_HEADERS[field]),
    ROSTER_FIELDS.map((field) => ROSTER_TEMPLATE_EXAMPLE[field]),
  ]);
}

/**
 * The XLSX template: one sheet "学生名单" with bold zh-CN headers, the example row, a frozen header row,
 * and every column formatted as text so typed phone and student numbers keep all their digits.
 */
export function rosterTemplateXlsx(): Uint8Array {
  return xlsxFile('学生名单', [
    ROSTER_FIELDS.map((field) => ROSTER_TEMPLATE_HEADERS[field]),
    ROSTER_FIELDS.map((field) => ROSTER_TEMPLATE_EXAMPLE[field]),
  ]);
}
