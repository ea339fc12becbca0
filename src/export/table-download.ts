import type { Context } from 'hono';
import { CSV_TYPE, csvFile } from './csv-file.js';
import { type Cell, XLSX_TYPE, xlsxFile } from './xlsx-file.js';

export type ExportFormat = 'csv' | 'xlsx';

/** Rows (the first the headers) as the bytes of a CSV or a one-sheet XLSX, with its content type. */
export function tableFile(
  format: ExportFormat,
  sheetName: string,
  rows: readonly (readonly Cell[])[],
): { bytes: Uint8Array<ArrayBuffer>; contentType: string } {
  return format === 'csv'
    ? { bytes: new Uint8Array(csvFile(rows)), contentType: CSV_TYPE }
    : { bytes: new Uint8Array(xlsxFile(sheetName, rows)), contentType: XLSX_TYPE };
}

/**
 * A list page's rows (first row the headers) as a CSV or XLSX download. `fileName` is the localized name
 * without extension; the ASCII fallback is for old browsers that ignore filename*.
 */
export function tableDownload(
  c: Context,
  format: ExportFormat,
  fileName: string,
  rows: readonly (readonly Cell[])[],
): Response {
  const file = tableFile(format, fileName, rows);
  const full = `${fileName}.${format}`;
  return c.body(file.bytes, 200, {
    'content-type': file.contentType,
    'content-disposition': `attachment; filename="export.${format}"; filename*=UTF-8''${encodeURIComponent(full)}`,
    'cache-control': 'no-store',
  });
}
