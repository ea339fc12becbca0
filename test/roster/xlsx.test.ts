import { describe, expect, it } from 'vitest';
import { expandExcelNumber } from '../../src/roster/excel-number.js';
import { readRosterFile } from '../../src/roster/read-file.js';
import { readXlsxFirstSheet } from '../../src/roster/xlsx-read.js';
import { fixture } from './helpers.js';
import { buildXlsx, buildZip, headerRow, is } from './zip-helper.js';

describe('expandExcelNumber', () => {
  it('keeps every digit of numbers stored as numbers, scientific form included', () => {
    expect(expandExcelNumber('13800138000')).toBe('13800138000');
    expect(expandExcelNumber('1.3800138001E+10')).toBe('13800138001');
    expect(expandExcelNumber('1.3800138001e10')).toBe('13800138001');
    expect(expandExcelNumber('1.23456789012346E+017')).toBe('123456789012346000');
    expect(expandExcelNumber('2.5E-3')).toBe('0.0025');
    expect(expandExcelNumber('-12.50')).toBe('-12.5');
    expect(expandExcelNumber('20240101.0')).toBe('20240101');
    expect(expandExcelNumber('0')).toBe('0');
    expect(expandExcelNumber('abc')).toBe('abc');
  });
});

describe('XLSX written by LibreOffice Calc', () => {
  // Source: test/fixtures/roster/sources/libreoffice-roster.fods, converted with
  // `soffice --headless --convert-to xlsx` (LibreOffice 7.4). See the fixtures README.
  it('reads the first sheet with Excel row numbers, filling merged cells', async () => {
    const sheet = await readXlsxFirstSheet(fixture('libreoffice-roster.xlsx'));
    expect(sheet.sheetName).toBe('学生名单');
    expect(sheet.otherSheetsWithData).toEqual(['填表说明']);
    expect(sheet.rows.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 9, 10]);
    // A3:A5 is one merged cell: the class applies to rows 4 and 5 too.
    expect(sheet.rows.slice(2, 5).map((r) => r.cells[0])).toEqual([
      '三年级(2)班',
      '三年级(2)班',
      '三年级(2)班',
    ]);
  });

  it('keeps numeric cells as exact digit strings', async () => {
    const read = await readRosterFile(fixture('libreoffice-roster.xlsx'));
    if (!read.ok) throw new Error(read.error.code);
    const byLine = new Map(read.rows.map((r) => [r.line, r.values]));
    expect(byLine.get(3)).toMatchObject({ studentNumber: '20240101', guardianPhone: '13800138001' });
    expect(byLine.get(6)).toMatchObject({ studentNumber: '123456789012', guardianPhone: '15000150004' });
    // Custom number format 000000 on a number 123: shown (and read) as 000123.
    expect(byLine.get(7)?.studentNumber).toBe('000123');
    // 18 digits stored as a number: LibreOffice wrote 1.23456789012346E+017; flagged as inexact.
    expect(byLine.get(10)?.studentNumber).toBe('123456789012346000');
    expect(read.rows.find((r) => r.line === 10)?.inexact).toEqual(['studentNumber']);
    expect(read.file.headerLine).toBe(2);
    expect(read.warnings.map((w) => w.code)).toEqual(['columns_ignored', 'other_sheets_ignored']);
  });
});

describe('hand-built XLSX variants', () => {
  it('joins rich-text runs, skips phonetic guides, decodes entities and _xHHHH_ escapes', async () => {
    const shared =
      '<si><r><t>张</t></r><r><rPr><b/></rPr><t>小明</t></r><rPh sb="0" eb="1"><t>zhang</t></rPh></si>' +
      '<si><t>A&amp;B_x0020_C</t></si>';
    const bytes = buildXlsx(
      `${headerRow()}<row r="2">${is('A2', '三年级(2)班')}<c r="B2"><v>1.2024E+7</v></c><c r="C2" t="s"><v>0</v></c><c r="D2" t="s"><v>1</v></c></row>`,
      { sharedStrings: shared },
    );
    const sheet = await readXlsxFirstSheet(bytes);
    expect(sheet.rows[1]?.cells).toEqual(['三年级(2)班', '12024000', '张小明', 'A&B C']);
  });

  it('accepts prefixed spreadsheetml elements (x:row, x:c) and cells without r attributes', async () => {
    const bytes = buildXlsx(
      '<x:row><x:c t="inlineStr"><x:is><x:t>班级</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>学号</x:t></x:is></x:c></x:row>' +
        '<x:row><x:c t="inlineStr"><x:is><x:t>一班</x:t></x:is></x:c><x:c><x:v>42</x:v></x:c></x:row>',
      { prefix: 'x' },
    );
    const sheet = await readXlsxFirstSheet(bytes);
    expect(sheet.rows).toEqual([
      { line: 1, cells: ['班级', '学号'] },
      { line: 2, cells: ['一班', '42'] },
    ]);
  });

  it('reads booleans, errors and formula strings as text', async () => {
    const bytes = buildXlsx(
      '<row r="3"><c r="A3" t="b"><v>1</v></c><c r="B3" t="e"><v>#N/A</v></c><c r="C3" t="str"><f>A1</f><v>x</v></c></row>',
    );
    const sheet = await readXlsxFirstSheet(bytes);
    expect(sheet.rows).toEqual([{ line: 3, cells: ['TRUE', '#N/A', 'x'] }]);
  });

  it('refuses a huge cell with line and column', async () => {
    const bytes = buildXlsx(`${headerRow()}<row r="2">${is('C2', 'x'.repeat(2000))}</row>`);
    const read = await readRosterFile(bytes);
    expect(read).toMatchObject({
      ok: false,
      error: { code: 'cell_too_large', params: { line: 2, column: 'C' } },
    });
  });

  it('stops a zip bomb that lies about its size', async () => {
    const zeros = new Uint8Array(80 * 1024 * 1024);
    const bomb = buildZip([
      {
        name: 'xl/workbook.xml',
        data: '<workbook><sheets><sheet name="a" r:id="rId1"/></sheets></workbook>',
      },
      {
        name: 'xl/_rels/workbook.xml.rels',
        data: '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      },
      { name: 'xl/worksheets/sheet1.xml', data: zeros, deflate: true, declaredSize: 1000 },
    ]);
    expect(bomb.length).toBeLessThan(200_000);
    const read = await readRosterFile(bomb);
    expect(read).toMatchObject({ ok: false, error: { code: 'xlsx_too_large' } });
  });

  it('reports a damaged or non-workbook zip as xlsx_invalid', async () => {
    const notWorkbook = buildZip([{ name: 'word/document.xml', data: '<w:document/>' }]);
    expect(await readRosterFile(notWorkbook)).toMatchObject({ ok: false, error: { code: 'xlsx_invalid' } });
    const good = fixture('libreoffice-roster.xlsx');
    const truncated = good.subarray(0, Math.floor(good.length / 2));
    expect(await readRosterFile(truncated)).toMatchObject({ ok: false, error: { code: 'xlsx_invalid' } });
    const corrupted = good.slice();
    for (let i = 200; i < 1200; i++) corrupted[i] = (corrupted[i] ?? 0) ^ 0x5a;
    const result = await readRosterFile(corrupted);
    expect(result.ok).toBe(false);
  });
});
