import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeRosterText, detectEncoding, looksBinary } from '../../src/roster/encoding.js';
import { FIXTURES, fixture } from './helpers.js';

describe('encoding detection', () => {
  it('decodes the GBK file Excel writes for "CSV" on Chinese Windows', () => {
    const bytes = fixture('excel-gbk.csv');
    const decoded = decodeRosterText(bytes);
    expect(decoded.encoding).toBe('gb18030');
    const expected = readFileSync(`${FIXTURES}sources/excel-gbk.utf8.csv`, 'utf8');
    expect(decoded.text).toBe(expected);
    // 喆, 堃 and 赟 are in GBK but not GB2312: the decoder must cover all of CP936.
    expect(decoded.text).toContain('王喆');
    expect(decoded.text).toContain('李堃');
    expect(decoded.text).toContain('赵赟');
  });

  it('decodes GB18030 four-byte characters (rare name characters) instead of turning them into U+FFFD', () => {
    const decoded = decodeRosterText(fixture('excel-gb18030-4byte.csv'));
    expect(decoded.encoding).toBe('gb18030');
    expect(decoded.text).toBe(readFileSync(`${FIXTURES}sources/gb18030-4byte.utf8.csv`, 'utf8'));
    expect(decoded.text).toContain('王𠀾');
    expect(decoded.text).toContain('王䶮');
    expect(decoded.text).not.toContain('\uFFFD');
  });

  it('recognises a Big5 file from Traditional-Chinese Windows', () => {
    const decoded = decodeRosterText(fixture('excel-big5.csv'));
    expect(decoded.encoding).toBe('big5');
    expect(decoded.text).toBe(readFileSync(`${FIXTURES}sources/excel-big5.utf8.csv`, 'utf8'));
    // …while GBK files stay GB18030, even though most GBK bytes are also valid Big5.
    expect(decodeRosterText(fixture('excel-gbk.csv')).encoding).toBe('gb18030');
  });

  it('takes a UTF-8 BOM as UTF-8 and drops it', () => {
    const decoded = decodeRosterText(fixture('excel-utf8-bom.csv'));
    expect(decoded).toMatchObject({ encoding: 'utf-8', hadBom: true });
    expect(decoded.text.startsWith('班级,学号')).toBe(true);
  });

  it('takes valid UTF-8 without BOM as UTF-8', () => {
    expect(detectEncoding(new TextEncoder().encode('班级,学号'))).toEqual({
      encoding: 'utf-8',
      bomLength: 0,
    });
    expect(detectEncoding(new TextEncoder().encode('plain ascii'))).toEqual({
      encoding: 'utf-8',
      bomLength: 0,
    });
  });

  it('reads UTF-16LE with BOM (Excel "Unicode text")', () => {
    const decoded = decodeRosterText(fixture('excel-unicode-text.txt'));
    expect(decoded.encoding).toBe('utf-16le');
    expect(decoded.text.startsWith('班级\t学号')).toBe(true);
  });

  it('flags binary content', () => {
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
    ]);
    expect(looksBinary(decodeRosterText(png).text)).toBe(true);
    expect(looksBinary('班级,学号\r\n三年级,1\r\n')).toBe(false);
  });
});
