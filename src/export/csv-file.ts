import type { Cell } from './xlsx-file.js';

/**
 * A CSV file Excel opens correctly on Chinese Windows: UTF-8 with a BOM (without it Excel reads CP936 and
 * shows mojibake), CRLF line ends, RFC 4180 quoting. A cell that starts with = + - @ is prefixed with an
 * apostrophe so a name such as "=HYPERLINK(…)" stays text instead of becoming a formula (CSV injection).
 */
export function csvFile(rows: readonly (readonly Cell[])[]): Uint8Array {
  const text = rows.map((row) => row.map(csvCell).join(',')).join('\r\n');
  const body = new TextEncoder().encode(`${text}\r\n`);
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}

/** A number is written as it is (a negative amount is not a formula). */
export function csvCell(cell: Cell): string {
  const value = String(cell);
  const safe = typeof cell === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const CSV_TYPE = 'text/csv; charset=utf-8';
