import { describe, expect, it } from 'vitest';
import { previewRosterFile, type RosterRow, readRosterFile, validateRoster } from '../../src/roster/index.js';
import { CLASSES, codesByLine, csvBytes, fixture, HEADER } from './helpers.js';

function row(line: number, values: string): RosterRow {
  const [
    className = '',
    studentNumber = '',
    studentName = '',
    guardianName = '',
    relation = '',
    guardianPhone = '',
  ] = values.split(',');
  return { line, values: { className, studentNumber, studentName, guardianName, relation, guardianPhone } };
}

describe('bad-rows.csv: every bad row is reported with its reason and line number', async () => {
  const preview = await previewRosterFile(fixture('bad-rows.csv'), { classes: CLASSES });

  it('reports errors per line', () => {
    expect(codesByLine(preview.rows, 'errors')).toEqual({
      3: ['missing_class'],
      4: ['class_not_found'],
      5: ['missing_student_number'],
      6: ['missing_student_name'],
      7: ['duplicate_student_number'],
      8: ['bad_phone'],
      9: ['bad_relation'],
      10: ['missing_guardian_name'],
      11: ['duplicate_guardian'],
      12: ['number_in_scientific_form'],
      13: ['multiple_phones'],
      16: ['bad_student_number'],
    });
  });

  it('reports warnings per line', () => {
    expect(codesByLine(preview.rows, 'warnings')).toEqual({ 14: ['landline_phone'], 15: ['duplicate_row'] });
  });

  it('gives the params the messages need', () => {
    const at = (line: number) => preview.rows.find((r) => r.line === line)!;
    expect(at(4).errors[0]).toEqual({
      code: 'class_not_found',
      params: { className: '五年级(9)班' },
      field: 'className',
    });
    expect(at(7).errors[0]).toEqual({
      code: 'duplicate_student_number',
      params: { studentNumber: '20240301', firstLine: 2, firstName: '孙悟空' },
      field: 'studentNumber',
    });
    expect(at(8).errors[0]?.params).toEqual({ value: '1380013802', column: 'guardianPhone' });
    expect(at(9).errors[0]?.params).toEqual({ value: '干爹' });
    expect(at(11).errors[0]?.params).toEqual({ guardianName: '孙大圣', firstLine: 2 });
    expect(at(12).errors[0]?.params).toEqual({ value: '1.38E+10', column: 'guardianPhone' });
    expect(at(14).warnings[0]?.params).toEqual({ phone: '01062345678' });
  });

  it('counts lines as Excel does across a blank row and a multi-line cell', () => {
    expect(preview.rows.map((r) => r.line).slice(-3)).toEqual([16, 18, 19]);
    expect(preview.rows.at(-1)?.values.studentName).toBe('小白龙');
  });

  it('summarises and blocks the import', () => {
    expect(preview.summary).toMatchObject({
      totalRows: 17,
      rowsWithErrors: 12,
      rowsWithWarnings: 2,
      canImport: false,
    });
    expect(preview.fileWarnings.map((w) => w.code)).toEqual(['columns_ignored']);
  });
});

describe('valid files', () => {
  it('builds the plan for the Excel UTF-8 CSV', async () => {
    const preview = await previewRosterFile(fixture('excel-utf8-bom.csv'), { classes: CLASSES });
    expect(preview.fileErrors).toEqual([]);
    expect(preview.summary).toMatchObject({
      totalRows: 6,
      rowsWithErrors: 0,
      studentsToCreate: 5,
      guardiansToAdd: 5,
      canImport: true,
    });
    const first = preview.students[0]!;
    expect(first).toMatchObject({
      studentNumber: '20240101',
      name: '张小明',
      classId: 'c32',
      action: 'create',
      lines: [2, 3],
    });
    expect(first.guardians.map((g) => [g.name, g.relation, g.phone])).toEqual([
      ['张大明', 'father', '13800138001'],
      ['李丽', 'mother', '13900139002'],
    ]);
    const chen = preview.rows.find((r) => r.line === 6)!;
    expect(chen.values).toMatchObject({ classId: 'c31', studentNumber: '020240104', guardian: null });
    expect(chen.warnings.map((w) => w.code)).toEqual(['no_guardian']);
    expect(preview.rows.find((r) => r.line === 7)?.values).toMatchObject({
      studentName: '林"小"雨',
      guardian: { name: '林,大山', relation: 'other_guardian', phone: '15000150005' },
    });
  });

  it('reads the GBK CSV into the right Chinese', async () => {
    const preview = await previewRosterFile(fixture('excel-gbk.csv'), { classes: CLASSES });
    expect(preview.file?.encoding).toBe('gb18030');
    expect(preview.rows.map((r) => r.values.studentName)).toEqual([
      '王喆',
      '王喆',
      '李堃',
      '赵赟',
      '钱,多多',
    ]);
    expect(preview.rows.map((r) => r.values.guardian?.relation)).toEqual([
      'father',
      'mother',
      'grandparent',
      'maternal_grandparent',
      'father',
    ]);
    expect(preview.summary).toMatchObject({
      rowsWithErrors: 0,
      studentsToCreate: 4,
      guardiansToAdd: 5,
      canImport: true,
    });
  });

  it('reads zh-TW headers and values', async () => {
    const preview = await previewRosterFile(fixture('zh-tw-headers.csv'), { classes: CLASSES });
    expect(preview.rows.map((r) => r.values.classId)).toEqual(['c32', 'c32', 'c32']);
    expect(preview.rows.map((r) => r.values.guardian?.relation)).toEqual([
      'father',
      'mother',
      'maternal_grandparent',
    ]);
    // A Taiwan mobile number is not a mainland number.
    expect(codesByLine(preview.rows, 'errors')).toEqual({ 2: ['bad_phone'] });
  });

  it('reads the LibreOffice XLSX end to end', async () => {
    const preview = await previewRosterFile(fixture('libreoffice-roster.xlsx'), { classes: CLASSES });
    expect(codesByLine(preview.rows, 'errors')).toEqual({ 10: ['number_precision_lost'] });
    expect(preview.rows.find((r) => r.line === 6)?.values).toMatchObject({
      studentNumber: '123456789012',
      studentName: '刘洋',
    });
    expect(preview.rows.find((r) => r.line === 9)?.values.studentName).toBe('阿依古丽·买买提');
  });

  it('reads Excel "Unicode text" (UTF-16, tab-separated)', async () => {
    const preview = await previewRosterFile(fixture('excel-unicode-text.txt'), { classes: CLASSES });
    expect(preview.file).toMatchObject({ format: 'csv', encoding: 'utf-16le' });
    expect(preview.summary).toMatchObject({ studentsToCreate: 1, guardiansToAdd: 1, canImport: true });
  });
});

describe('cross-row and existing-record rules', () => {
  it('flags a class conflict between rows of one student', () => {
    const preview = validateRoster(
      [
        row(2, '三年级(1)班,1001,张三,张父,父亲,13800138000'),
        row(3, '三年级(2)班,1001,张三,张母,母亲,13900139000'),
      ],
      { classes: CLASSES },
    );
    expect(preview.rows[1]?.errors).toEqual([
      {
        code: 'conflicting_class',
        params: { studentNumber: '1001', firstLine: 2, firstClass: '三年级(1)班' },
        field: 'className',
      },
    ]);
  });

  it('marks create / update / unchanged against existing students and guardians', () => {
    const rows = [
      row(2, '三年级(1)班,1001,张三,张父,父亲,13800138000'),
      row(3, '三年级(2)班,1002,李四,李母,母亲,13900139000'),
      row(4, '三年级(2)班,1003,王五,王父,父亲,13700137000'),
      row(5, '三年级(2)班,1004,赵六,,,'),
    ];
    const preview = validateRoster(rows, {
      classes: CLASSES,
      existingStudents: [
        { studentNumber: '1001', name: '张三', classId: 'c31' },
        { studentNumber: '1002', name: '李四', classId: 'c31' },
        { studentNumber: '1003', name: '王武', classId: 'c32' },
      ],
      existingGuardians: [
        { studentNumber: '1001', name: '张父', relation: 'father', phone: '13800138000' },
        { studentNumber: '1002', name: '李母', relation: 'mother', phone: '13900130000' },
      ],
    });
    expect(
      preview.students.map((s) => [s.studentNumber, s.action, s.guardians.map((g) => g.action)]),
    ).toEqual([
      ['1001', 'unchanged', ['unchanged']],
      ['1002', 'update', ['update']],
      ['1004', 'create', []],
    ]);
    expect(preview.rows[1]?.warnings).toContainEqual({
      code: 'student_class_changed',
      params: { fromClass: '三年级(1)班', toClass: '三年级(2)班' },
      field: 'className',
    });
    expect(preview.rows[2]?.errors).toEqual([
      {
        code: 'student_name_mismatch',
        params: { studentNumber: '1003', existingName: '王武' },
        field: 'studentName',
      },
    ]);
    expect(preview.summary).toMatchObject({
      studentsToCreate: 1,
      studentsToUpdate: 1,
      studentsUnchanged: 1,
      guardiansToAdd: 0,
      guardiansToUpdate: 1,
      guardiansUnchanged: 1,
      rowsWithErrors: 1,
      canImport: false,
    });
  });

  it('skips the template example row with a warning', () => {
    const preview = validateRoster(
      [
        row(2, '三年级(2)班,20240000,示例学生,示例家长,母亲,13800000000'),
        row(3, '三年级(2)班,1001,张三,张父,父亲,13800138000'),
      ],
      { classes: CLASSES },
    );
    expect(preview.rows[0]).toMatchObject({
      skipped: true,
      errors: [],
      warnings: [{ code: 'example_row_skipped' }],
    });
    expect(preview.students.map((s) => s.studentNumber)).toEqual(['1001']);
    expect(preview.summary.canImport).toBe(true);
  });

  it('gives one file warning when no row has a relation, and when no row has a guardian', () => {
    const noRelation = validateRoster([row(2, '三年级(2)班,1,张三,张父,,13800138000')], { classes: CLASSES });
    expect(noRelation.fileWarnings).toEqual([{ code: 'relations_missing', params: { count: 1 } }]);
    expect(noRelation.rows[0]?.warnings).toEqual([]);
    expect(noRelation.students[0]?.guardians[0]?.relation).toBe('other_guardian');
    const noGuardian = validateRoster([row(2, '三年级(2)班,1,张三,,,')], { classes: CLASSES });
    expect(noGuardian.fileWarnings).toEqual([{ code: 'no_guardians', params: {} }]);
    expect(noGuardian.rows[0]?.warnings).toEqual([]);
  });

  it('refuses too many rows and no rows', () => {
    const many = Array.from({ length: 20_001 }, (_, i) => row(i + 2, `三年级(2)班,${i},张三,,,`));
    expect(validateRoster(many, { classes: CLASSES }).fileErrors).toEqual([
      { code: 'too_many_rows', params: { max: 20_000, count: 20_001 } },
    ]);
    expect(validateRoster([], { classes: CLASSES }).fileErrors).toEqual([
      { code: 'no_data_rows', params: {} },
    ]);
  });
});

describe('a 10,000-row roster', () => {
  const lines = [HEADER];
  const relations = ['父亲', '母亲'];
  for (let i = 0; i < 5000; i++) {
    const number = String(20250000 + i);
    const cls = i % 2 === 0 ? '三年级(1)班' : '三年级（2）班';
    for (let g = 0; g < 2; g++) {
      const phone = `1${3 + (g % 7)}${String(i * 2 + g).padStart(9, '0')}`;
      lines.push(`${cls},${number},学生${i},监护人${i}-${g},${relations[g]},${phone}`);
    }
  }
  // Three planted mistakes.
  lines[101] = lines[101]!.replace(/,1\d{10}$/, ',12345');
  lines[5001] = lines[5001]!.replace('三年级(1)班', '九年级(9)班');
  lines[9999] = lines[9999]!.replace(/,学生\d+,/, ',别人,');
  const bytes = csvBytes(`${lines.join('\r\n')}\r\n`, true);

  it('validates quickly and finds exactly the planted errors', async () => {
    const started = performance.now();
    const preview = await previewRosterFile(bytes, { classes: CLASSES });
    const elapsed = performance.now() - started;
    expect(preview.rows.length).toBe(10_000);
    expect(codesByLine(preview.rows, 'errors')).toEqual({
      102: ['bad_phone'],
      5002: ['class_not_found'],
      // The name was changed on line 10000, so the student's next row (10001) no longer matches it.
      10001: ['duplicate_student_number'],
    });
    expect(preview.summary).toMatchObject({ totalRows: 10_000, rowsWithErrors: 3, studentsToCreate: 5000 });
    expect(elapsed).toBeLessThan(5000);
  });

  it('gives the same result when validated again (deterministic, idempotent)', async () => {
    const read = await readRosterFile(bytes);
    if (!read.ok) throw new Error(read.error.code);
    const first = validateRoster(read.rows, { classes: CLASSES });
    const second = validateRoster(read.rows, { classes: CLASSES });
    expect(second).toEqual(first);
    const again = await previewRosterFile(bytes, { classes: CLASSES });
    expect(again.rows).toEqual(first.rows);
  });

  it('shows nothing to do when re-imported after a successful import', async () => {
    const clean = csvBytes(`${lines.filter((_, i) => ![101, 5001, 9999].includes(i)).join('\r\n')}\r\n`);
    const firstImport = await previewRosterFile(clean, { classes: CLASSES });
    expect(firstImport.summary.canImport).toBe(true);
    const existingStudents = firstImport.students.map((s) => ({
      studentNumber: s.studentNumber,
      name: s.name,
      classId: s.classId,
    }));
    const existingGuardians = firstImport.students.flatMap((s) =>
      s.guardians.map((g) => ({
        studentNumber: s.studentNumber,
        name: g.name,
        relation: g.relation,
        phone: g.phone,
      })),
    );
    const reimport = await previewRosterFile(clean, {
      classes: CLASSES,
      existingStudents,
      existingGuardians,
    });
    expect(reimport.summary).toMatchObject({
      studentsToCreate: 0,
      studentsToUpdate: 0,
      studentsUnchanged: firstImport.summary.studentsToCreate,
      guardiansToAdd: 0,
      guardiansToUpdate: 0,
      guardiansUnchanged: firstImport.summary.guardiansToAdd,
      canImport: true,
    });
  });
});
