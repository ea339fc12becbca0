import type { Context } from 'hono';
import { CSV_TYPE, csvFile } from './csv-file.js';
import { type Cell, XLSX_TYPE, xlsxFile } from './xlsx-file.js';

export type ExportFormat = 'csv' | 'xlsx';

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
  const bytes = format === 'csv' ? csvFile(rows) : xlsxFile(fileName, rows);
  const type = format === 'csv' ? CSV_TYPE : XLSX_TYPE;
  const full = `${fileName}.${format}`;
  return c.body(new Uint8Array(bytes), 200, {
    'content-type': type,
    'content-disposition': `attachment; filename="export.${format}"; filename*=UTF-8''${encodeURIComponent(full)}`,
    'cache-control': 'no-store',
  });
}
