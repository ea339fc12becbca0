import { columnLetter, parseCsv } from './csv.js';
import { decodeRosterText, looksBinary } from './encoding.js';
import { findHeader, hasWideGuardianColumns } from './headers.js';
import { issue, RosterFileError } from './issues.js';
import { ROSTER_HEADER_SEARCH_ROWS, ROSTER_MAX_FILE_BYTES, ROSTER_MAX_ROWS } from './limits.js';
import {
  ROSTER_FIELDS,
  type RosterField,
  type RosterFileErrorCode,
  type RosterFileFormat,
  type RosterFileWarningCode,
  type RosterIssue,
  type RosterRow,
  type RosterTextEncoding,
  type SheetRow,
} from './types.js';
import { readXlsxFirstSheet } from './xlsx-read.js';
import { isZip } from './zip-read.js';

export interface RosterFileInfo {
  format: RosterFileFormat;
  /** Text encoding detected for CSV; null for XLSX. */
  encoding: RosterTextEncoding | null;
  /** XLSX: the sheet that was read. */
  sheetName: string | null;
  /** Row number of the header row (1 unless there are title rows above it). */
  headerLine: number;
  /** For each recognised roster column, the header text found in the file and its column letter. */
  columns: Partial<Record<RosterField, { header: string; column: string }>>;
}

export type RosterReadResult =
  | {
      ok: true;
      file: RosterFileInfo;
      rows: RosterRow[];
      warnings: RosterIssue<RosterFileWarningCode>[];
    }
  | {
      ok: false;
      error: RosterIssue<RosterFileErrorCode>;
      warnings: RosterIssue<RosterFileWarningCode>[];
    };

function isOleCompound(bytes: Uint8Array): boolean {
  const sig = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return sig.every((b, i) => bytes[i] === b);
}

// Room for title rows above the header and for one row past the limit (to report it).
const READ_ROW_CAP = ROSTER_MAX_ROWS + ROSTER_HEADER_SEARCH_ROWS + 1;

async function readSheet(bytes: Uint8Array): Promise<{
  format: RosterFileFormat;
  encoding: RosterTextEncoding | null;
  sheetName: string | null;
  rows: SheetRow[];
  truncated: boolean;
  otherSheets: string[];
}> {
  if (isOleCompound(bytes)) throw new RosterFileError('xls_not_supported');
  if (isZip(bytes)) {
    const sheet = await readXlsxFirstSheet(bytes, { maxRows: READ_ROW_CAP });
    return {
      format: 'xlsx',
      encoding: null,
      sheetName: sheet.sheetName,
      rows: sheet.rows,
      truncated: sheet.truncated,
      otherSheets: sheet.otherSheetsWithData,
    };
  }
  const decoded = decodeRosterText(bytes);
  if (looksBinary(decoded.text)) throw new RosterFileError('not_text');
  const csv = parseCsv(decoded.text, { maxRows: READ_ROW_CAP });
  return {
    format: 'csv',
    encoding: decoded.encoding,
    sheetName: null,
    rows: csv.rows,
    truncated: csv.truncated,
    otherSheets: [],
  };
}

/**
 * Reads an uploaded roster (CSV in UTF-8/GBK/UTF-16, or XLSX; told apart by content, not by file name),
 * finds the header row and maps columns. Never throws: every failure is a file-level error code.
 */
export async function readRosterFile(input: Uint8Array | ArrayBuffer): Promise<RosterReadResult> {
  const warnings: RosterIssue<RosterFileWarningCode>[] = [];
  try {
    const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
    if (bytes.length > ROSTER_MAX_FILE_BYTES) {
      return {
        ok: false,
        error: issue('file_too_large', { maxMb: Math.floor(ROSTER_MAX_FILE_BYTES / 1024 / 1024) }),
        warnings,
      };
    }
    const sheet = await readSheet(bytes);
    if (sheet.rows.length === 0) return { ok: false, error: issue('empty_file'), warnings };
    const header = findHeader(sheet.rows);
    const headerRow = sheet.rows.find((row) => row.line === header.line);
    const headerCells = headerRow?.cells ?? [];

    if (header.columns.guardianName === undefined && hasWideGuardianColumns(header.ignored)) {
      return { ok: false, error: issue('wide_guardian_columns'), warnings };
    }
    const dataRows = sheet.rows.filter((row) => row.line > header.line);
    if (dataRows.length === 0) return { ok: false, error: issue('no_data_rows'), warnings };
    if (dataRows.length > ROSTER_MAX_ROWS || sheet.truncated) {
      return { ok: false, error: issue('too_many_rows', { max: ROSTER_MAX_ROWS }), warnings };
    }

    const missingGuardian = (['guardianName', 'relation', 'guardianPhone'] as const).filter(
      (field) => header.columns[field] === undefined,
    );
    if (missingGuardian.length > 0) {
      warnings.push(issue('guardian_columns_missing', { columns: missingGuardian.join(',') }));
    }
    if (header.ignored.length > 0)
      warnings.push(issue('columns_ignored', { headers: header.ignored.join(', ') }));
    if (sheet.otherSheets.length > 0) {
      warnings.push(
        issue('other_sheets_ignored', { sheet: sheet.sheetName ?? '', others: sheet.otherSheets.join(', ') }),
      );
    }

    const columns: RosterFileInfo['columns'] = {};
    for (const field of ROSTER_FIELDS) {
      const index = header.columns[field];
      if (index !== undefined) {
        columns[field] = { header: (headerCells[index] ?? '').trim(), column: columnLetter(index) };
      }
    }
    const rows: RosterRow[] = dataRows.map((row) => {
      const values = {} as Record<RosterField, string>;
      for (const field of ROSTER_FIELDS) {
        const index = header.columns[field];
        values[field] = index === undefined ? '' : (row.cells[index] ?? '');
      }
      const inexact = ROSTER_FIELDS.filter((field) => {
        const index = header.columns[field];
        return index !== undefined && row.inexact?.includes(index);
      });
      return inexact.length > 0 ? { line: row.line, values, inexact } : { line: row.line, values };
    });
    return {
      ok: true,
      file: {
        format: sheet.format,
        encoding: sheet.encoding,
        sheetName: sheet.sheetName,
        headerLine: header.line,
        columns,
      },
      rows,
      warnings,
    };
  } catch (error) {
    if (error instanceof RosterFileError) return { ok: false, error: error.issue, warnings };
    return { ok: false, error: issue('unreadable_file'), warnings };
  }
}
