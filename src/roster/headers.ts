import { RosterFileError } from './issues.js';
import { ROSTER_HEADER_SEARCH_ROWS } from './limits.js';
import { ROSTER_FIELDS, ROSTER_REQUIRED_FIELDS, type RosterField, type SheetRow } from './types.js';

/** Template headers (zh-CN), in column order. */
export const ROSTER_TEMPLATE_HEADERS: Record<RosterField, string> = {
  className: '班级',
  studentNumber: '学号',
  studentName: '学生姓名',
  guardianName: '监护人姓名',
  relation: '与学生关系',
  guardianPhone: '监护人手机号',
};

/**
 * Accepted header spellings. Rank 2 names the column unambiguously; rank 1 is a looser name ("姓名",
 * "电话", "学籍号") used only when no rank-2 header for that column is present, so a school export with
 * both "学号" and "全国学籍号", or "手机号码" and "家庭电话", still works.
 */
const ALIASES: Record<RosterField, { 2: string[]; 1: string[] }> = {
  className: {
    2: [
      '班级',
      '班級',
      '班级名称',
      '班級名稱',
      '所在班级',
      '所在班級',
      '年级班级',
      '年級班級',
      '班别',
      '班別',
      'class',
      'class name',
      'classname',
    ],
    1: ['班', '班名', '行政班'],
  },
  studentNumber: {
    2: [
      '学号',
      '學號',
      '学生学号',
      '學生學號',
      '学生编号',
      '學生編號',
      'student number',
      'student no',
      'student id',
      'studentnumber',
      'student_no',
      'student_id',
    ],
    1: ['学籍号', '學籍號', '全国学籍号', '全國學籍號', '学籍编号', '學籍編號', '学籍辅号'],
  },
  studentName: {
    2: [
      '学生姓名',
      '學生姓名',
      '学生名字',
      '學生名字',
      '学生',
      '學生',
      'student name',
      'studentname',
      'student',
    ],
    1: ['姓名', '名字', 'name', 'full name'],
  },
  guardianName: {
    2: [
      '监护人姓名',
      '監護人姓名',
      '监护人',
      '監護人',
      '家长姓名',
      '家長姓名',
      '家长',
      '家長',
      'guardian name',
      'guardianname',
      'guardian',
      'parent name',
      'parent',
    ],
    1: ['联系人', '聯絡人', '聯繫人', '联系人姓名', '聯絡人姓名', 'contact name', 'contact'],
  },
  relation: {
    2: [
      '与学生关系',
      '與學生關係',
      '与学生的关系',
      '與學生的關係',
      '监护人关系',
      '監護人關係',
      '与监护人关系',
      '與監護人關係',
      '家长关系',
      '家長關係',
      '关系',
      '關係',
      'relation',
      'relationship',
      'relation to student',
      'relationship to student',
    ],
    1: ['称谓', '稱謂', '亲属关系', '親屬關係', '身份'],
  },
  guardianPhone: {
    2: [
      '监护人手机号',
      '監護人手機號',
      '监护人手机号码',
      '監護人手機號碼',
      '监护人手机',
      '監護人手機',
      '监护人电话',
      '監護人電話',
      '监护人联系电话',
      '監護人聯絡電話',
      '家长手机号',
      '家長手機號',
      '家长手机号码',
      '家長手機號碼',
      '家长手机',
      '家長手機',
      '家长电话',
      '家長電話',
      '家长联系电话',
      '家長聯絡電話',
      '手机号',
      '手機號',
      '手机号码',
      '手機號碼',
      '手机',
      '手機',
      'guardian phone',
      'parent phone',
      'mobile',
      'mobile phone',
      'cell phone',
    ],
    1: [
      '联系电话',
      '聯絡電話',
      '聯繫電話',
      '联系方式',
      '聯絡方式',
      '电话',
      '電話',
      '电话号码',
      '電話號碼',
      'phone',
      'phone number',
      'tel',
      'telephone',
      'contact phone',
    ],
  },
};

/**
 * Header text → comparison key: NFKC, case-folded, spaces/underscores/dashes and required-markers (*)
 * dropped, and a trailing note in brackets removed ("监护人手机号（必填）", "Phone (11 digits)").
 */
export function headerKey(raw: string): string {
  let s = raw.normalize('NFKC').toLowerCase();
  s = s.replace(/[[(【〔<《][^\])】〕>》]*[\])】〕>》]\s*$/u, '');
  return s.replace(/[\s\u3000_\-*:：.。]/gu, '');
}

const LOOKUP = new Map<string, { field: RosterField; rank: 1 | 2 }>();
for (const field of ROSTER_FIELDS) {
  for (const rank of [2, 1] as const) {
    for (const alias of ALIASES[field][rank]) {
      const key = headerKey(alias);
      if (!LOOKUP.has(key)) LOOKUP.set(key, { field, rank });
    }
  }
}

/** Which roster column a header names, or null for an unknown column. */
export function matchHeader(raw: string): { field: RosterField; rank: 1 | 2 } | null {
  const key = headerKey(raw);
  return key === '' ? null : (LOOKUP.get(key) ?? null);
}

export interface HeaderMapping {
  /** Sheet row holding the headers. */
  line: number;
  /** Column index of each recognised field. */
  columns: Partial<Record<RosterField, number>>;
  /** Non-empty headers that name no roster column, or lose to a better header for the same column. */
  ignored: string[];
}

function mapRow(row: SheetRow): HeaderMapping & { duplicate?: { field: RosterField; headers: string[] } } {
  const best = new Map<RosterField, { rank: 1 | 2; indexes: number[] }>();
  row.cells.forEach((cell, index) => {
    const match = matchHeader(cell);
    if (!match) return;
    const current = best.get(match.field);
    if (!current || match.rank > current.rank) best.set(match.field, { rank: match.rank, indexes: [index] });
    else if (match.rank === current.rank) current.indexes.push(index);
  });
  const columns: Partial<Record<RosterField, number>> = {};
  let duplicate: { field: RosterField; headers: string[] } | undefined;
  for (const field of ROSTER_FIELDS) {
    const found = best.get(field);
    if (!found) continue;
    if (found.indexes.length > 1 && !duplicate) {
      duplicate = { field, headers: found.indexes.map((i) => (row.cells[i] ?? '').trim()) };
    }
    columns[field] = found.indexes[0];
  }
  const used = new Set(Object.values(columns));
  const ignored = row.cells
    .map((cell, index) => ({ cell: cell.trim(), index }))
    .filter(({ cell, index }) => cell !== '' && !used.has(index))
    .map(({ cell }) => cell);
  return duplicate ? { line: row.line, columns, ignored, duplicate } : { line: row.line, columns, ignored };
}

/**
 * Finds the header row among the first rows (a title row above it is fine) and maps its columns.
 * Throws RosterFileError: `header_not_found` when no row names any roster column, `missing_columns`
 * (`columns`: comma-separated field ids) when required ones are absent, `duplicate_column` when two
 * headers name the same column equally well.
 */
export function findHeader(rows: readonly SheetRow[]): HeaderMapping {
  let bestPartial: ReturnType<typeof mapRow> | null = null;
  let bestScore = 0;
  for (const row of rows.slice(0, ROSTER_HEADER_SEARCH_ROWS)) {
    const mapping = mapRow(row);
    const score = Object.keys(mapping.columns).length;
    if (ROSTER_REQUIRED_FIELDS.every((field) => mapping.columns[field] !== undefined)) {
      if (mapping.duplicate) {
        throw new RosterFileError('duplicate_column', {
          column: mapping.duplicate.field,
          headers: mapping.duplicate.headers.join(', '),
          line: mapping.line,
        });
      }
      return { line: mapping.line, columns: mapping.columns, ignored: mapping.ignored };
    }
    if (score > bestScore) {
      bestScore = score;
      bestPartial = mapping;
    }
  }
  if (!bestPartial) throw new RosterFileError('header_not_found');
  const missing = ROSTER_REQUIRED_FIELDS.filter((field) => bestPartial.columns[field] === undefined);
  throw new RosterFileError('missing_columns', { columns: missing.join(','), line: bestPartial.line });
}

const WIDE_GUARDIAN =
  /^(?:(?:监护人|監護人|家长|家長|联系人|聯絡人|guardian|parent|contact)[12一二]|(?:父亲|母亲|父親|母親|爸爸|妈妈|媽媽|father|mother)(?:姓名|手机|手機|电话|電話|name|phone|mobile))/u;

/**
 * True when guardians are laid out side by side ("监护人1姓名 … 监护人2手机号", "父亲姓名, 母亲电话")
 * instead of one row per guardian: such a file must be reshaped, or guardians would be silently lost.
 */
export function hasWideGuardianColumns(headers: readonly string[]): boolean {
  return headers.some((header) => WIDE_GUARDIAN.test(headerKey(header)));
}
