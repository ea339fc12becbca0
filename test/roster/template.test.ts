import { describe, expect, it } from 'vitest';
import {
  previewRosterFile,
  readRosterFile,
  readXlsxFirstSheet,
  rosterTemplateCsv,
  rosterTemplateXlsx,
} from '../../src/roster/index.js';
import { readZipDirectory } from '../../src/roster/zip-read.js';
import { CLASSES } from './helpers.js';

describe('templates', () => {
  it('CSV: UTF-8 with BOM, zh-CN headers and the example row', () => {
    const bytes = rosterTemplateCsv();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.subarray(3));
    expect(text).toBe(
      '班级,学号,学生姓名,监护人姓名,与学生关系,监护人手机号\r\n三年级(2)班,20240000,示例学生,示例家长,母亲,13800000000\r\n',
    );
  });

  it('XLSX: a valid zip with the expected parts that reads back to the same table', async () => {
    const bytes = rosterTemplateXlsx();
    expect(readZipDirectory(bytes).map((e) => e.name)).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/worksheets/sheet1.xml',
      'xl/styles.xml',
    ]);
    const sheet = await readXlsxFirstSheet(bytes);
    expect(sheet.sheetName).toBe('学生名单');
    expect(sheet.rows).toEqual([
      { line: 1, cells: ['班级', '学号', '学生姓名', '监护人姓名', '与学生关系', '监护人手机号'] },
      { line: 2, cells: ['三年级(2)班', '20240000', '示例学生', '示例家长', '母亲', '13800000000'] },
    ]);
    expect(rosterTemplateXlsx()).toEqual(bytes); // deterministic bytes
  });

  it('an untouched template is "no data" (the example row is skipped), never imported', async () => {
    for (const bytes of [rosterTemplateCsv(), rosterTemplateXlsx()]) {
      const read = await readRosterFile(bytes);
      expect(read.ok).toBe(true);
      const preview = await previewRosterFile(bytes, { classes: CLASSES });
      expect(preview.fileErrors.map((e) => e.code)).toEqual(['no_data_rows']);
      expect(preview.rows[0]?.skipped).toBe(true);
      expect(preview.summary.canImport).toBe(false);
    }
  });
});
