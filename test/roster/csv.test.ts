import { describe, expect, it } from 'vitest';
import { columnLetter, detectDelimiter, parseCsv } from '../../src/roster/csv.js';
import { RosterFileError } from '../../src/roster/issues.js';

describe('parseCsv', () => {
  it('reads plain records with CRLF, LF and CR line ends', () => {
    const { rows } = parseCsv('a,b\r\nc,d\ne,f\rg,h');
    expect(rows).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['c', 'd'] },
      { line: 3, cells: ['e', 'f'] },
      { line: 4, cells: ['g', 'h'] },
    ]);
  });

  it('handles quotes, escaped quotes, embedded commas and line breaks', () => {
    const { rows } = parseCsv('"a,1","say ""hi""","x\r\ny"\r\nnext,"",end\r\n');
    expect(rows[0]).toEqual({ line: 1, cells: ['a,1', 'say "hi"', 'x\r\ny'] });
    // A record with an embedded line break is one Excel row, so the next record is line 2.
    expect(rows[1]).toEqual({ line: 2, cells: ['next', '', 'end'] });
  });

  it('skips blank and comma-only rows but keeps counting lines, and ignores trailing empty lines', () => {
    const { rows } = parseCsv('h1,h2\n\n,,\nv1,v2\n\n\n\r\n');
    expect(rows).toEqual([
      { line: 1, cells: ['h1', 'h2'] },
      { line: 4, cells: ['v1', 'v2'] },
    ]);
  });

  it('keeps a trailing empty field and is lenient with stray quotes', () => {
    expect(parseCsv('a,b,').rows[0]?.cells).toEqual(['a', 'b', '']);
    expect(parseCsv('ab"c,"d"e').rows[0]?.cells).toEqual(['ab"c', 'de']);
  });

  it('reports an unclosed quote with the line where it opens', () => {
    try {
      parseCsv('a,b\nc,"d\ne,f\n');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RosterFileError);
      expect((error as RosterFileError).issue).toEqual({ code: 'csv_unclosed_quote', params: { line: 2 } });
    }
  });

  it('refuses a huge cell with its line and column letter', () => {
    const big = 'x'.repeat(5000);
    try {
      parseCsv(`a,b,c\n1,2,${big}\n`);
      expect.unreachable();
    } catch (error) {
      expect((error as RosterFileError).issue).toEqual({
        code: 'cell_too_large',
        params: { line: 2, column: 'C', max: 1000 },
      });
    }
  });

  it('detects tab and semicolon delimiters, ignoring delimiters inside quotes', () => {
    expect(detectDelimiter('a\tb\tc\n1,2\t3')).toBe('\t');
    expect(detectDelimiter('a;b;c\n')).toBe(';');
    expect(detectDelimiter('"x;y;z",b\n')).toBe(',');
    expect(parseCsv('a\tb\n1\t2').rows[1]?.cells).toEqual(['1', '2']);
  });

  it('stops at maxRows and says so', () => {
    const result = parseCsv('a\nb\nc\nd\n', { maxRows: 2 });
    expect(result.rows.length).toBe(2);
    expect(result.truncated).toBe(true);
  });

  it('names columns like Excel', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});
