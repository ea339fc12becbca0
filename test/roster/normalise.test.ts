import { describe, expect, it } from 'vitest';
import { classKey, createClassMatcher, parseSmallNumber } from '../../src/roster/class-match.js';
import { findHeader, matchHeader } from '../../src/roster/headers.js';
import { RosterFileError } from '../../src/roster/issues.js';
import { normalisePhone } from '../../src/roster/phone.js';
import { normaliseRelation } from '../../src/roster/relation.js';
import { normaliseStudentNumber } from '../../src/roster/student-number.js';
import { cleanName, looksLikeName } from '../../src/roster/text.js';

describe('header mapping', () => {
  it.each([
    ['班级', 'className'],
    ['班級', 'className'],
    ['Class', 'className'],
    ['学号', 'studentNumber'],
    ['學號', 'studentNumber'],
    ['Student Number', 'studentNumber'],
    ['student_no', 'studentNumber'],
    ['学生姓名', 'studentName'],
    ['學生姓名', 'studentName'],
    ['姓名', 'studentName'],
    ['监护人姓名', 'guardianName'],
    ['監護人姓名', 'guardianName'],
    ['家长姓名', 'guardianName'],
    ['Guardian name', 'guardianName'],
    ['与学生关系', 'relation'],
    ['與學生關係', 'relation'],
    ['关系', 'relation'],
    ['Relation', 'relation'],
    ['监护人手机号', 'guardianPhone'],
    ['監護人手機號', 'guardianPhone'],
    ['联系电话', 'guardianPhone'],
    ['手机号码', 'guardianPhone'],
    ['Guardian phone', 'guardianPhone'],
    [' *监护人手机号（必填） ', 'guardianPhone'],
    ['学 号', 'studentNumber'],
  ])('%s → %s', (header, field) => {
    expect(matchHeader(header)?.field).toBe(field);
  });

  it('ignores unknown columns', () => {
    expect(matchHeader('性别')).toBeNull();
    expect(matchHeader('身份证号')).toBeNull();
    expect(matchHeader('')).toBeNull();
  });

  it('finds the header below a title row and prefers specific headers over loose ones', () => {
    const mapping = findHeader([
      { line: 1, cells: ['2024学年三年级名单'] },
      { line: 2, cells: ['序号', '姓名', '学号', '全国学籍号', '班级', '学生姓名', '手机号码', '联系电话'] },
    ]);
    expect(mapping.line).toBe(2);
    expect(mapping.columns).toEqual({ className: 4, studentNumber: 2, studentName: 5, guardianPhone: 6 });
    expect(mapping.ignored).toEqual(['序号', '姓名', '全国学籍号', '联系电话']);
  });

  it('refuses two equally good headers for one column, and lists missing required ones', () => {
    const dup = () =>
      findHeader([{ line: 1, cells: ['班级', '学号', '学生姓名', '手机号', '监护人手机号'] }]);
    expect(dup).toThrow(RosterFileError);
    try {
      dup();
    } catch (error) {
      expect((error as RosterFileError).issue).toMatchObject({
        code: 'duplicate_column',
        params: { column: 'guardianPhone', headers: '手机号, 监护人手机号' },
      });
    }
    try {
      findHeader([{ line: 1, cells: ['班级', '监护人姓名'] }]);
    } catch (error) {
      expect((error as RosterFileError).issue).toEqual({
        code: 'missing_columns',
        params: { columns: 'studentNumber,studentName', line: 1 },
      });
    }
    expect(() => findHeader([{ line: 1, cells: ['foo', 'bar'] }])).toThrow('header_not_found');
  });
});

describe('relation', () => {
  it.each([
    ['父亲', 'father'],
    ['爸爸', 'father'],
    ['父親', 'father'],
    ['父子', 'father'],
    ['Father', 'father'],
    ['母亲', 'mother'],
    ['妈妈', 'mother'],
    ['媽媽', 'mother'],
    ['母女', 'mother'],
    ['爷爷', 'grandparent'],
    ['奶奶', 'grandparent'],
    ['祖父母', 'grandparent'],
    ['外公', 'maternal_grandparent'],
    ['外婆', 'maternal_grandparent'],
    ['姥姥', 'maternal_grandparent'],
    ['姥爷', 'maternal_grandparent'],
    ['maternal grandmother', 'maternal_grandparent'],
    ['其他监护人', 'other_guardian'],
    ['舅舅', 'other_guardian'],
    ['继母', 'other_guardian'],
    [' 其 他 ', 'other_guardian'],
    ['other_guardian', 'other_guardian'],
  ])('%s → %s', (word, relation) => {
    expect(normaliseRelation(word)).toBe(relation);
  });

  it('rejects unknown words', () => {
    expect(normaliseRelation('干爹')).toBeNull();
    expect(normaliseRelation('本人')).toBeNull();
    expect(normaliseRelation('')).toBeNull();
  });
});

describe('phone', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['+86-13800138000', '13800138000'],
    ['008613800138000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['１３８００１３８０００', '13800138000'],
    ["'13800138000", '13800138000'],
    ['19912345678', '19912345678'],
  ])('mobile %s → %s', (raw, phone) => {
    expect(normalisePhone(raw)).toEqual({ ok: true, phone, kind: 'mobile' });
  });

  it.each([
    ['010-62345678', '01062345678'],
    ['(0755)26543210', '075526543210'],
    ['0571-8765432', '05718765432'],
    ['+86 10 62345678', '01062345678'],
  ])('landline %s → %s', (raw, phone) => {
    expect(normalisePhone(raw)).toEqual({ ok: true, phone, kind: 'landline' });
  });

  it.each([
    ['1380013800', 'bad_phone'],
    ['12800138000', 'bad_phone'],
    ['62345678', 'bad_phone'],
    ['0912345678', 'bad_phone'],
    ['abc', 'bad_phone'],
    ['1.38E+10', 'number_in_scientific_form'],
    ['13800138000/13900139000', 'multiple_phones'],
    ['13800138000、13900139000', 'multiple_phones'],
    ['13800138000 13900139000', 'multiple_phones'],
  ])('rejects %s as %s', (raw, reason) => {
    expect(normalisePhone(raw)).toEqual({ ok: false, reason });
  });
});

describe('student number and names', () => {
  it('normalises student numbers, keeping leading zeros', () => {
    expect(normaliseStudentNumber(' 0020240101 ')).toEqual({ ok: true, value: '0020240101' });
    expect(normaliseStudentNumber('２０２４０１０１')).toEqual({ ok: true, value: '20240101' });
    expect(normaliseStudentNumber('g440101201501010012')).toEqual({ ok: true, value: 'G440101201501010012' });
    expect(normaliseStudentNumber('2.02401E+07')).toEqual({ ok: false, reason: 'number_in_scientific_form' });
    expect(normaliseStudentNumber('2024/01')).toEqual({ ok: false, reason: 'bad_student_number' });
    expect(normaliseStudentNumber('')).toEqual({ ok: false, reason: 'missing_student_number' });
  });

  it('cleans names', () => {
    expect(cleanName('张　三')).toBe('张三');
    expect(cleanName(' 张 三 ')).toBe('张三');
    expect(cleanName('阿依古丽•买买提')).toBe('阿依古丽·买买提');
    expect(cleanName('阿依古丽.买买提')).toBe('阿依古丽·买买提');
    expect(cleanName('Mary  Ann\u200b')).toBe('Mary Ann');
  });

  it('tells names from non-names', () => {
    expect(['张三', 'Mary Ann', '阿依古丽·买买提'].map(looksLikeName)).toEqual([true, true, true]);
    expect(['123', '#N/A', '#VALUE!', '-', '=HYPERLINK("x")', '+cmd', '@SUM(A1)'].map(looksLikeName)).toEqual(
      [false, false, false, false, false, false, false],
    );
  });
});

describe('class matching', () => {
  const classes = [
    { id: 'p32', name: '三年级(2)班' },
    { id: 'p31', name: '三年级一班' },
    { id: 'j13', name: '初一(3)班' },
    { id: 'g7', name: '七年级3班' },
    { id: 's12', name: '高一2班' },
    { id: 'c5', name: '2023级5班' },
    { id: 'rocket', name: '火箭班' },
    { id: 'p42', name: '2班', grade: '四年级' },
    { id: 'p52', name: '2班', grade: 5 },
  ];
  const matcher = createClassMatcher(classes);
  const id = (raw: string) => {
    const m = matcher.match(raw);
    return m.kind === 'found' ? m.classId : m.kind;
  };

  it.each([
    ['三年级(2)班', 'p32'],
    ['三年级（2）班', 'p32'],
    [' 三年级 (2) 班 ', 'p32'],
    ['三年级二班', 'p32'],
    ['3年级2班', 'p32'],
    ['３年级２班', 'p32'],
    ['三(2)班', 'p32'],
    ['3(2)班', 'p32'],
    ['三年2班', 'p32'],
    ['三年級(2)班', 'p32'],
    ['小学三年级2班', 'p32'],
    ['3年级1班', 'p31'],
    ['初一3班', 'j13'],
    ['初1(3)班', 'j13'],
    ['初中一年级3班', 'j13'],
    ['七年级(3)班', 'g7'],
    ['高一(2)班', 's12'],
    ['高中一年级二班', 's12'],
    ['2023级(5)班', 'c5'],
    ['火箭班', 'rocket'],
    ['四年级2班', 'p42'],
    ['5年级(2)班', 'p52'],
  ])('%s → %s', (raw, expected) => {
    expect(id(raw)).toBe(expected);
  });

  it('does not guess', () => {
    expect(id('初一(2)班')).toBe('not_found'); // no such class
    expect(id('七年级(3)班')).not.toBe('j13'); // 初一 ≠ 七年级
    expect(id('32班')).toBe('not_found'); // grade and class not separable
    expect(id('三年级')).toBe('not_found');
    expect(id('2班')).toEqual('ambiguous'); // two classes named 2班
  });

  it('reads Chinese numerals', () => {
    expect(['三', '十', '十二', '二十', '二十一', '一〇', '12', '十十'].map(parseSmallNumber)).toEqual([
      3,
      10,
      12,
      20,
      21,
      10,
      12,
      null,
    ]);
    expect(classKey('三年级十二班')).toBe('primary|3|12');
  });
});
