import { columnLetter } from './csv.js';
import { applyZeroPadFormat, expandExcelNumber } from './excel-number.js';
import { RosterFileError } from './issues.js';
import { ROSTER_MAX_CELL_CHARS, ROSTER_MAX_COLUMNS, ROSTER_MAX_XLSX_PART_BYTES } from './limits.js';
import type { SheetRow } from './types.js';
import { decodeOoxmlEscapes, getAttr, scanXml } from './xml.js';
import { readZipDirectory, readZipEntry, type ZipEntry } from './zip-read.js';

export interface XlsxReadOptions {
  maxRows?: number;
  maxCellChars?: number;
}

export interface XlsxSheet {
  sheetName: string;
  rows: SheetRow[];
  truncated: boolean;
  /** Names of the other visible sheets that hold cell values (they are not read). */
  otherSheetsWithData: string[];
}

const MAX_MERGES = 10_000;

class Archive {
  private readonly byName = new Map<string, ZipEntry>();
  private readonly decoder = new TextDecoder('utf-8');

  constructor(private readonly bytes: Uint8Array) {
    for (const entry of readZipDirectory(bytes)) this.byName.set(entry.name.toLowerCase(), entry);
  }

  has(path: string): boolean {
    return this.byName.has(path.toLowerCase());
  }

  async text(path: string): Promise<string | null> {
    const entry = this.byName.get(path.toLowerCase());
    if (!entry) return null;
    const data = await readZipEntry(this.bytes, entry, ROSTER_MAX_XLSX_PART_BYTES);
    return this.decoder.decode(data);
  }
}

interface Relationship {
  target: string;
  type: string;
}

function resolvePath(baseDir: string, target: string): string {
  const raw = target.startsWith('/') ? target.slice(1) : baseDir + target;
  const parts: string[] = [];
  for (const part of raw.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

function parseRels(xml: string | null, baseDir: string): Map<string, Relationship> {
  const rels = new Map<string, Relationship>();
  if (!xml) return rels;
  scanXml(xml, {
    open(name, attrs) {
      if (name !== 'Relationship') return;
      const id = getAttr(attrs, 'Id');
      const target = getAttr(attrs, 'Target');
      if (id && target && getAttr(attrs, 'TargetMode') !== 'External') {
        rels.set(id, { target: resolvePath(baseDir, target), type: getAttr(attrs, 'Type') ?? '' });
      }
    },
    close() {},
    text() {},
  });
  return rels;
}

function dirOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash + 1);
}

function relsPathOf(path: string): string {
  return `${dirOf(path)}_rels/${path.slice(dirOf(path).length)}.rels`;
}

interface SheetRef {
  name: string;
  path: string;
  hidden: boolean;
}

function parseWorkbook(xml: string, rels: Map<string, Relationship>): SheetRef[] {
  const sheets: SheetRef[] = [];
  scanXml(xml, {
    open(name, attrs) {
      if (name !== 'sheet') return;
      const rel = rels.get(getAttr(attrs, 'id') ?? '');
      if (!rel) return;
      const state = getAttr(attrs, 'state');
      sheets.push({
        name: getAttr(attrs, 'name') ?? '',
        path: rel.target,
        hidden: state === 'hidden' || state === 'veryHidden',
      });
    },
    close() {},
    text() {},
  });
  return sheets;
}

function parseSharedStrings(xml: string | null): string[] {
  const strings: string[] = [];
  if (!xml) return strings;
  let current = '';
  let inSi = false;
  let inT = false;
  let phoneticDepth = 0;
  scanXml(xml, {
    open(name, _attrs, selfClosing) {
      if (name === 'si') {
        if (selfClosing) strings.push('');
        else {
          inSi = true;
          current = '';
        }
      } else if (name === 'rPh' && !selfClosing) phoneticDepth++;
      else if (name === 't' && !selfClosing) inT = true;
    },
    close(name) {
      if (name === 'si') {
        strings.push(decodeOoxmlEscapes(current));
        inSi = false;
      } else if (name === 'rPh') phoneticDepth = Math.max(0, phoneticDepth - 1);
      else if (name === 't') inT = false;
    },
    text(value) {
      if (inSi && inT && phoneticDepth === 0) current += value;
    },
  });
  return strings;
}

/** Number format code for each cell style index (`s` attribute), from styles.xml. */
function parseStyleFormats(xml: string | null): string[] {
  if (!xml) return [];
  const customFormats = new Map<string, string>();
  const formats: string[] = [];
  let inCellXfs = false;
  scanXml(xml, {
    open(name, attrs, selfClosing) {
      if (name === 'numFmt') {
        const id = getAttr(attrs, 'numFmtId');
        if (id !== null) customFormats.set(id, getAttr(attrs, 'formatCode') ?? '');
      } else if (name === 'cellXfs' && !selfClosing) inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = getAttr(attrs, 'numFmtId') ?? '0';
        formats.push(customFormats.get(id) ?? (id === '1' ? '0' : ''));
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text() {},
  });
  return formats;
}

/** "B12" → { col: 1, row: 12 }. */
function parseRef(ref: string | null): { col: number; row: number } | null {
  if (!ref) return null;
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of (m[1] ?? '').toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { col: col - 1, row: Number.parseInt(m[2] ?? '0', 10) };
}

interface ParsedSheet {
  rows: Map<number, string[]>;
  inexact: Map<number, number[]>;
  merges: { r1: number; c1: number; r2: number; c2: number }[];
  truncated: boolean;
}

function parseSheet(
  xml: string,
  shared: string[],
  styles: string[],
  maxRows: number,
  maxCell: number,
): ParsedSheet {
  const rows = new Map<number, string[]>();
  const inexact = new Map<number, number[]>();
  let rowInexact: number[] = [];
  const merges: ParsedSheet['merges'] = [];
  let truncated = false;
  let stopped = false;
  let rowLine = 0;
  let cells: string[] | null = null;
  let col = -1;
  let cellType = '';
  let cellStyle = -1;
  let value = '';
  let inlineText = '';
  let inV = false;
  let inIs = false;
  let inT = false;
  let phoneticDepth = 0;

  const finishCell = (): void => {
    if (!cells || col < 0 || col >= ROSTER_MAX_COLUMNS) return;
    let text: string;
    switch (cellType) {
      case 's':
        text = shared[Number.parseInt(value, 10)] ?? '';
        break;
      case 'inlineStr':
        text = decodeOoxmlEscapes(inlineText);
        break;
      case 'str':
        text = decodeOoxmlEscapes(value);
        break;
      case 'b':
        text = value.trim() === '1' ? 'TRUE' : value.trim() === '0' ? 'FALSE' : value;
        break;
      case 'e':
      case 'd':
        text = value;
        break;
      default:
        text = value === '' ? '' : applyZeroPadFormat(expandExcelNumber(value), styles[cellStyle]);
        if (/^-?\d{16,}$/.test(text)) rowInexact.push(col);
    }
    if (text.length > maxCell) {
      throw new RosterFileError('cell_too_large', { line: rowLine, column: columnLetter(col), max: maxCell });
    }
    while (cells.length < col) cells.push('');
    cells[col] = text;
  };

  scanXml(xml, {
    open(name, attrs, selfClosing) {
      if (stopped) return;
      switch (name) {
        case 'row': {
          const r = Number.parseInt(getAttr(attrs, 'r') ?? '', 10);
          rowLine = Number.isFinite(r) && r > 0 ? r : rowLine + 1;
          col = -1;
          cells = selfClosing ? null : [];
          rowInexact = [];
          break;
        }
        case 'c': {
          const ref = parseRef(getAttr(attrs, 'r'));
          col = ref ? ref.col : col + 1;
          cellType = getAttr(attrs, 't') ?? 'n';
          cellStyle = Number.parseInt(getAttr(attrs, 's') ?? '-1', 10);
          value = '';
          inlineText = '';
          if (selfClosing) finishCell();
          break;
        }
        case 'v':
          inV = !selfClosing;
          break;
        case 'is':
          inIs = !selfClosing;
          break;
        case 'rPh':
          if (!selfClosing) phoneticDepth++;
          break;
        case 't':
          inT = !selfClosing && inIs;
          break;
        case 'mergeCell': {
          const [from, to] = (getAttr(attrs, 'ref') ?? '').split(':');
          const a = parseRef(from ?? null);
          const b = parseRef(to ?? null);
          if (a && b && merges.length < MAX_MERGES)
            merges.push({ r1: a.row, c1: a.col, r2: b.row, c2: b.col });
          break;
        }
      }
    },
    close(name) {
      if (stopped && name !== 'mergeCell') return;
      switch (name) {
        case 'c':
          finishCell();
          break;
        case 'v':
          inV = false;
          break;
        case 'is':
          inIs = false;
          break;
        case 'rPh':
          phoneticDepth = Math.max(0, phoneticDepth - 1);
          break;
        case 't':
          inT = false;
          break;
        case 'row':
          if (cells?.some((cell) => cell.trim() !== '')) {
            if (rows.size >= maxRows) {
              truncated = true;
              stopped = true;
            } else {
              rows.set(rowLine, cells);
              if (rowInexact.length > 0) inexact.set(rowLine, rowInexact);
            }
          }
          cells = null;
          break;
      }
    },
    text(chunk) {
      if (stopped) return;
      if (inV) value += chunk;
      else if (inT && phoneticDepth === 0) inlineText += chunk;
    },
  });
  return { rows, inexact, merges, truncated };
}

/**
 * Copies each merged range's top-left value into the range's other cells, on rows that have content of
 * their own: a class name merged down a column then applies to every student row it spans.
 */
function fillMerges(sheet: ParsedSheet): void {
  if (sheet.merges.length === 0 || sheet.rows.size === 0) return;
  const maxLine = Math.max(...sheet.rows.keys());
  for (const { r1, c1, r2, c2 } of sheet.merges) {
    const top = sheet.rows.get(r1);
    const source = top?.[c1];
    if (source === undefined || source === '' || c1 >= ROSTER_MAX_COLUMNS) continue;
    const lastCol = Math.min(c2, ROSTER_MAX_COLUMNS - 1);
    for (let line = r1; line <= Math.min(r2, maxLine); line++) {
      const cells = sheet.rows.get(line);
      if (!cells) continue;
      for (let c = c1; c <= lastCol; c++) {
        if (line === r1 && c === c1) continue;
        while (cells.length <= c) cells.push('');
        if ((cells[c] ?? '') === '') cells[c] = source;
      }
    }
  }
}

function hasCellValues(xml: string): boolean {
  return /<(?:\w+:)?(?:v|is)[\s>]/.test(xml);
}

/**
 * Reads the first visible worksheet of an XLSX workbook (tab order). Shared strings, inline strings and
 * rich text are joined (phonetic guides dropped); numbers come back as exact digit strings; merged cells
 * are filled. Throws RosterFileError for archives that are not a readable workbook.
 */
export async function readXlsxFirstSheet(
  bytes: Uint8Array,
  options: XlsxReadOptions = {},
): Promise<XlsxSheet> {
  const maxRows = options.maxRows ?? Number.POSITIVE_INFINITY;
  const maxCell = options.maxCellChars ?? ROSTER_MAX_CELL_CHARS;
  const archive = new Archive(bytes);

  const rootRels = parseRels(await archive.text('_rels/.rels'), '');
  let workbookPath = [...rootRels.values()].find((rel) => rel.type.endsWith('/officeDocument'))?.target;
  if (!workbookPath || !archive.has(workbookPath)) workbookPath = 'xl/workbook.xml';
  const workbookXml = await archive.text(workbookPath);
  if (workbookXml === null) throw new RosterFileError('xlsx_invalid');

  const workbookRels = parseRels(await archive.text(relsPathOf(workbookPath)), dirOf(workbookPath));
  let sheets = parseWorkbook(workbookXml, workbookRels).filter((sheet) => archive.has(sheet.path));
  if (sheets.length === 0 && archive.has('xl/worksheets/sheet1.xml')) {
    sheets = [{ name: 'Sheet1', path: 'xl/worksheets/sheet1.xml', hidden: false }];
  }
  const visible = sheets.filter((sheet) => !sheet.hidden);
  const first = visible[0] ?? sheets[0];
  if (!first) throw new RosterFileError('xlsx_invalid');

  const rels = [...workbookRels.values()];
  const sharedPath =
    rels.find((rel) => rel.type.endsWith('/sharedStrings'))?.target ??
    (archive.has('xl/sharedStrings.xml') ? 'xl/sharedStrings.xml' : null);
  const stylesPath = rels.find((rel) => rel.type.endsWith('/styles'))?.target ?? 'xl/styles.xml';
  const shared = parseSharedStrings(sharedPath ? await archive.text(sharedPath) : null);
  const styles = parseStyleFormats(await archive.text(stylesPath));

  const sheetXml = await archive.text(first.path);
  if (sheetXml === null) throw new RosterFileError('xlsx_invalid');
  const parsed = parseSheet(sheetXml, shared, styles, maxRows, maxCell);
  fillMerges(parsed);

  const otherSheetsWithData: string[] = [];
  for (const sheet of visible) {
    if (sheet === first) continue;
    const xml = await archive.text(sheet.path).catch(() => null);
    if (xml && hasCellValues(xml)) otherSheetsWithData.push(sheet.name);
  }

  const rows = [...parsed.rows.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([line, cells]): SheetRow => {
      const lossy = parsed.inexact.get(line);
      return lossy ? { line, cells, inexact: lossy } : { line, cells };
    });
  return { sheetName: first.name, rows, truncated: parsed.truncated, otherSheetsWithData };
}
