import { describe, expect, it } from 'vitest';
import { previewRosterFile, ROSTER_MAX_FILE_BYTES, readRosterFile } from '../../src/roster/index.js';
import { CLASSES, csvBytes, fixture, HEADER } from './helpers.js';

async function errorOf(bytes: Uint8Array): Promise<unknown> {
  const read = await readRosterFile(bytes);
  return read.ok ? null : read.error;
}

describe('file-level errors: never a throw, always a clear code', () => {
  it('empty file', async () => {
    expect(await errorOf(fixture('empty.csv'))).toEqual({ code: 'empty_file', params: {} });
    expect(await errorOf(csvBytes('\r\n\r\n ,, \r\n', true))).toEqual({ code: 'empty_file', params: {} });
  });

  it('only headers', async () => {
    expect(await errorOf(fixture('only-header.csv'))).toEqual({ code: 'no_data_rows', params: {} });
  });

  it('missing required columns', async () => {
    expect(await errorOf(fixture('missing-columns.csv'))).toEqual({
      code: 'missing_columns',
      params: { columns: 'studentNumber', line: 1 },
    });
  });

  it('a file that is not a roster', async () => {
    expect(await errorOf(csvBytes('hello,world\nfoo,bar\n'))).toEqual({
      code: 'header_not_found',
      params: {},
    });
  });

  it('binary content', async () => {
    const noise = new Uint8Array(4096);
    let seed = 7;
    for (let i = 0; i < noise.length; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      noise[i] = seed & 0xff;
    }
    expect(await errorOf(noise)).toEqual({ code: 'not_text', params: {} });
    const pdf = new TextEncoder().encode(
      '%PDF-1.4\n%\u00e2\u00e3\n1 0 obj\n<<>>\nstream\n\u0000\u0001\u0002\nendstream',
    );
    expect(await errorOf(pdf)).toEqual({ code: 'not_text', params: {} });
  });

  it('old .xls and encrypted workbooks (OLE compound files)', async () => {
    const ole = new Uint8Array(1024);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await errorOf(ole)).toEqual({ code: 'xls_not_supported', params: {} });
  });

  it('a huge cell', async () => {
    const bytes = csvBytes(`${HEADER}\r\n三年级(2)班,1,${'张'.repeat(100_000)},,,\r\n`);
    expect(await errorOf(bytes)).toEqual({
      code: 'cell_too_large',
      params: { line: 2, column: 'C', max: 1000 },
    });
  });

  it('an unclosed quote', async () => {
    const bytes = csvBytes(`${HEADER}\r\n三年级(2)班,1,"张三,,,\r\n三年级(2)班,2,李四,,,\r\n`);
    expect(await errorOf(bytes)).toEqual({ code: 'csv_unclosed_quote', params: { line: 2 } });
  });

  it('too many rows, stopping early', async () => {
    const body = Array.from({ length: 20_001 }, (_, i) => `三年级(2)班,${i},学生${i},,,`).join('\n');
    expect(await errorOf(csvBytes(`${HEADER}\n${body}\n`))).toEqual({
      code: 'too_many_rows',
      params: { max: 20_000 },
    });
  });

  it('too many bytes', async () => {
    const bytes = new Uint8Array(ROSTER_MAX_FILE_BYTES + 1).fill(0x41);
    expect(await errorOf(bytes)).toEqual({ code: 'file_too_large', params: { maxMb: 10 } });
  });

  it('guardians laid out side by side', async () => {
    expect(await errorOf(fixture('wide-guardians.csv'))).toEqual({
      code: 'wide_guardian_columns',
      params: {},
    });
  });

  it('an ArrayBuffer works as well as a Uint8Array', async () => {
    const bytes = fixture('excel-utf8-bom.csv');
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    expect((await readRosterFile(buffer)).ok).toBe(true);
  });

  it('preview carries file errors and an empty plan', async () => {
    const preview = await previewRosterFile(fixture('only-header.csv'), { classes: CLASSES });
    expect(preview).toMatchObject({
      file: null,
      fileErrors: [{ code: 'no_data_rows' }],
      rows: [],
      students: [],
    });
    expect(preview.summary.canImport).toBe(false);
  });
});

describe('file-level warnings', () => {
  it('says which optional columns are missing, without repeating it per row', async () => {
    const preview = await previewRosterFile(csvBytes('学号,姓名,班级,性别\n1,张三,三年级(2)班,男\n'), {
      classes: CLASSES,
    });
    expect(preview.fileWarnings).toEqual([
      { code: 'guardian_columns_missing', params: { columns: 'guardianName,relation,guardianPhone' } },
      { code: 'columns_ignored', params: { headers: '性别' } },
    ]);
    expect(preview.rows[0]?.warnings).toEqual([]);
    expect(preview.summary).toMatchObject({ studentsToCreate: 1, canImport: true });
  });
});
