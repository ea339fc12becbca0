import { RosterFileError } from './issues.js';
import { ROSTER_MAX_CELL_CHARS, ROSTER_MAX_COLUMNS } from './limits.js';
import type { SheetRow } from './types.js';

export type CsvDelimiter = ',' | '\t' | ';';

export interface CsvOptions {
  /** Guessed from the first line when absent (Excel's "Unicode text" export is tab-separated). */
  delimiter?: CsvDelimiter;
  maxCellChars?: number;
  /** Stop (and report `too_many_rows` via the callback's caller) once this many non-blank rows were read. */
  maxRows?: number;
}

export interface CsvResult {
  rows: SheetRow[];
  delimiter: CsvDelimiter;
  /** True when reading stopped at `maxRows` before the end of the text. */
  truncated: boolean;
}

/** Column letters as Excel shows them: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Guesses the delimiter from the first non-blank line, counting only outside quotes. */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = { ',': 0, '\t': 0, ';': 0 };
  let inQuotes = false;
  let seenContent = false;
  for (let i = 0; i < text.length && i < 65_536; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) {
      if (seenContent) break;
    } else if (!inQuotes && (ch === ',' || ch === '\t' || ch === ';')) {
      counts[ch]++;
      seenContent = true;
    } else if (ch !== ' ') seenContent = true;
  }
  if (counts['\t'] > counts[','] && counts['\t'] >= counts[';']) return '\t';
  if (counts[';'] > counts[',']) return ';';
  return ',';
}

/**
 * RFC 4180 CSV reader, lenient where Excel and hand edits are: CRLF, LF or CR line ends; quoted fields
 * with embedded delimiters, quotes ("") and line breaks; a stray quote inside an unquoted field is kept
 * as text; text after a closing quote is appended. Blank rows are dropped but still counted, so `line`
 * is the row number Excel shows (a record with an embedded line break is one Excel row).
 * Throws RosterFileError for an unclosed quote or an oversized cell.
 */
export function parseCsv(text: string, options: CsvOptions = {}): CsvResult {
  const delimiter = options.delimiter ?? detectDelimiter(text);
  const maxCell = options.maxCellChars ?? ROSTER_MAX_CELL_CHARS;
  const maxRows = options.maxRows ?? Number.POSITIVE_INFINITY;
  const delimCode = delimiter.charCodeAt(0);
  const rows: SheetRow[] = [];
  const len = text.length;
  let pos = 0;
  let line = 0;
  let truncated = false;

  while (pos < len) {
    line++;
    const cells: string[] = [];
    let endOfRecord = false;
    while (!endOfRecord) {
      let value: string;
      if (text.charCodeAt(pos) === 34 /* " */) {
        // Quoted field.
        const startLine = line;
        let parts = '';
        let from = pos + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q === -1) throw new RosterFileError('csv_unclosed_quote', { line: startLine });
          parts += text.slice(from, q);
          if (text.charCodeAt(q + 1) === 34) {
            parts += '"';
            from = q + 2;
          } else {
            pos = q + 1;
            break;
          }
          if (parts.length > maxCell) break;
        }
        // Lenient: anything between the closing quote and the next delimiter/line end is kept.
        const tail = scanUnquoted(text, pos, delimCode);
        value = parts + text.slice(pos, tail);
        pos = tail;
      } else {
        const end = scanUnquoted(text, pos, delimCode);
        value = text.slice(pos, end);
        pos = end;
      }
      if (value.length > maxCell) {
        throw new RosterFileError('cell_too_large', {
          line,
          column: columnLetter(cells.length),
          max: maxCell,
        });
      }
      if (cells.length < ROSTER_MAX_COLUMNS) cells.push(value);

      const c = text.charCodeAt(pos);
      if (c === delimCode) {
        pos++;
        if (pos >= len) {
          cells.push('');
          endOfRecord = true;
        }
      } else {
        if (c === 13 /* \r */) pos += text.charCodeAt(pos + 1) === 10 ? 2 : 1;
        else if (c === 10 /* \n */) pos++;
        endOfRecord = true;
      }
    }
    if (cells.some((cell) => cell.trim() !== '')) {
      if (rows.length >= maxRows) {
        truncated = true;
        break;
      }
      rows.push({ line, cells });
    }
  }
  return { rows, delimiter, truncated };
}

/** Index of the next delimiter, CR or LF at or after `from` (or the end of the text). */
function scanUnquoted(text: string, from: number, delimCode: number): number {
  let i = from;
  const len = text.length;
  while (i < len) {
    const c = text.charCodeAt(i);
    if (c === delimCode || c === 10 || c === 13) return i;
    i++;
  }
  return len;
}
