import { ROSTER_TEMPLATE_HEADERS } from './headers.js';
import { ROSTER_FIELDS, type RosterField } from './types.js';
import { escapeXml } from './xml.js';
import { writeStoredZip } from './zip-write.js';

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

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The CSV template: UTF-8 with BOM (so Excel opens it as UTF-8), CRLF, zh-CN headers and the example row. */
export function rosterTemplateCsv(): Uint8Array {
  const header = ROSTER_FIELDS.map((field) => csvField(ROSTER_TEMPLATE_HEADERS[field])).join(',');
  const example = ROSTER_FIELDS.map((field) => csvField(ROSTER_TEMPLATE_EXAMPLE[field])).join(',');
  const body = new TextEncoder().encode(`${header}\r\n${example}\r\n`);
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** Column widths (characters) for the six template columns. */
const WIDTHS = [16, 14, 12, 12, 12, 16];

function sheetXml(): string {
  const cols = WIDTHS.map(
    // Style 1 = text format (@): 学号 and 手机号 typed into the template stay text, never 1.38E+10.
    (width, i) => `<col min="${i + 1}" max="${i + 1}" width="${width}" style="1" customWidth="1"/>`,
  ).join('');
  const cell = (col: number, row: number, value: string, style: number): string =>
    `<c r="${String.fromCharCode(65 + col)}${row}" s="${style}" t="inlineStr"><is><t>${escapeXml(value)}</t></is></c>`;
  const header = ROSTER_FIELDS.map((field, i) => cell(i, 1, ROSTER_TEMPLATE_HEADERS[field], 2)).join('');
  const example = ROSTER_FIELDS.map((field, i) => cell(i, 2, ROSTER_TEMPLATE_EXAMPLE[field], 1)).join('');
  return (
    `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols>` +
    `<sheetData><row r="1">${header}</row><row r="2">${example}</row></sheetData></worksheet>`
  );
}

const STYLES =
  `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}">` +
  '<fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font>' +
  '<font><b/><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

/**
 * The XLSX template: one sheet "学生名单" with bold zh-CN headers, the example row, a frozen header row,
 * and every column formatted as text so typed phone and student numbers keep all their digits.
 */
export function rosterTemplateXlsx(): Uint8Array {
  const enc = new TextEncoder();
  const files: Record<string, string> = {
    '[Content_Types].xml':
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '</Types>',
    '_rels/.rels':
      `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
      `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml':
      `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
      '<sheets><sheet name="学生名单" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
      `<Relationship Id="rId1" Type="${NS_REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
      `<Relationship Id="rId2" Type="${NS_REL}/styles" Target="styles.xml"/></Relationships>`,
    'xl/worksheets/sheet1.xml': sheetXml(),
    'xl/styles.xml': STYLES,
  };
  return writeStoredZip(Object.entries(files).map(([name, text]) => ({ name, data: enc.encode(text) })));
}
