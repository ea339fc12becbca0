/**
 * Roster import, the pure part: read an uploaded CSV/XLSX, map its headers, validate rows and build the
 * preview and import plan. No I/O, no Node built-ins: runs the same on Node 20 and Cloudflare Workers.
 */
export { type ClassMatch, classKey, createClassMatcher } from './class-match.js';
export { columnLetter, parseCsv } from './csv.js';
export { decodeRosterText, detectEncoding } from './encoding.js';
export { expandExcelNumber } from './excel-number.js';
export { headerKey, matchHeader, ROSTER_TEMPLATE_HEADERS } from './headers.js';
export { formatRosterIssue, rosterFieldKey, rosterIssueKey } from './issues.js';
export {
  ROSTER_HEADER_SEARCH_ROWS,
  ROSTER_MAX_CELL_CHARS,
  ROSTER_MAX_COLUMNS,
  ROSTER_MAX_FILE_BYTES,
  ROSTER_MAX_NAME_CHARS,
  ROSTER_MAX_ROWS,
  ROSTER_MAX_STUDENT_NUMBER_CHARS,
  ROSTER_MAX_XLSX_PART_BYTES,
} from './limits.js';
export { normalisePhone, type PhoneResult } from './phone.js';
export { previewRosterFile, type RosterFilePreview } from './preview.js';
export { type RosterFileInfo, type RosterReadResult, readRosterFile } from './read-file.js';
export { normaliseRelation } from './relation.js';
export { normaliseStudentNumber } from './student-number.js';
export { ROSTER_TEMPLATE_EXAMPLE, rosterTemplateCsv, rosterTemplateXlsx } from './template.js';
export * from './types.js';
export { validateRoster } from './validate.js';
export { readXlsxFirstSheet } from './xlsx-read.js';
