import type { RosterClass } from './types.js';

/**
 * Class-name matching, forgiving but never guessing:
 * 1. Exact match after clean-up: NFKC (full-width → half-width, "（２）" → "(2)"), spaces removed, other
 *    brackets (【】[]〔〕) read as (), 級 read as 级 (zh-TW), case-folded. So "三年級（2）班 " matches
 *    "三年级(2)班".
 * 2. Otherwise both names are read as (stage, grade, class number) and compared:
 *    - "三年级二班" = "3年级2班" = "三年级(2)班" = "三年2班" = "三(2)班" = "3(2)班" (primary stage);
 *    - "初一(3)班" = "初一3班" = "初中一年级3班" = "初1(3)班" (初中), likewise 高一… (高中);
 *    - "2023级5班" = "2023级(5)班" (cohort year).
 *    Grade and class written side by side need a separator or mixed scripts ("三年级2班", "初一3班"):
 *    "32班" or "初13班" are not split. Stages never cross: 初一 is not 七年级 (5-4 and 6-3 systems differ),
 *    and a bare "2班" only matches a class named "2班" (or a class "2班" whose `grade` is given).
 * A match must be unique: two candidate classes give `ambiguous`.
 */
export type ClassMatch =
  | { kind: 'found'; classId: string }
  | { kind: 'not_found' }
  | { kind: 'ambiguous'; candidates: string[] };

export function classTextKey(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[【[〔｛{]/g, '(')
    .replace(/[】\]〕｝}]/g, ')')
    .replace(/[\s\u3000]+/g, '')
    .replace(/級/g, '级')
    .replace(/兩/g, '两')
    .toLowerCase();
}

const CN_DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** "3" → 3, "三" → 3, "十二" → 12, "二十" → 20, "一〇" → 10; null otherwise. Up to 99. */
export function parseSmallNumber(text: string): number | null {
  if (/^\d{1,3}$/.test(text)) return Number.parseInt(text, 10);
  if (!/^[〇零一二两三四五六七八九十]{1,3}$/u.test(text)) return null;
  const ten = text.indexOf('十');
  if (ten === -1) {
    let n = 0;
    for (const ch of text) n = n * 10 + (CN_DIGITS[ch] ?? Number.NaN);
    return Number.isNaN(n) ? null : n;
  }
  if (text.lastIndexOf('十') !== ten) return null;
  const head = text.slice(0, ten);
  const tail = text.slice(ten + 1);
  const tens = head === '' ? 1 : (CN_DIGITS[head] ?? Number.NaN);
  const ones = tail === '' ? 0 : (CN_DIGITS[tail] ?? Number.NaN);
  if (head.length > 1 || tail.length > 1 || Number.isNaN(tens) || Number.isNaN(ones)) return null;
  return tens * 10 + ones;
}

const NUM = '(\\d{1,2}|[〇零一二两三四五六七八九十]{1,3})';
const ARABIC = '(\\d{1,2})';
const HAN = '([〇零一二两三四五六七八九十]{1,3})';
const STAGE = '(小学|初中|初|高中|高)?';
const CLASS_PATTERNS: RegExp[] = [
  // 三年级二班, 3年级(2)班, 三年2班, 初中一年级3班, 小学三年级二班
  new RegExp(`^${STAGE}${NUM}(?:年级|年)(?:\\(${NUM}\\)班?|${NUM}班)$`, 'u'),
  // 三(2)班, 3(2)班, 初一(3)班, 高2(1)班
  new RegExp(`^${STAGE}${NUM}\\(${NUM}\\)班?$`, 'u'),
  // 初一3班, 高二10班, 三2班 (Chinese grade, Arabic class)
  new RegExp(`^${STAGE}${HAN}${ARABIC}班$`, 'u'),
  // 初1三班 (Arabic grade, Chinese class)
  new RegExp(`^${STAGE}${ARABIC}${HAN}班$`, 'u'),
];

/** Reads a class name as "stage|grade|class", or null when it is not in a recognised shape. */
export function classKey(raw: string): string | null {
  const text = classTextKey(raw);
  const cohort = /^(\d{4})级(?:\((\d{1,2})\)班?|(\d{1,2})班)$/u.exec(text);
  if (cohort) return `cohort|${cohort[1]}|${Number.parseInt(cohort[2] ?? cohort[3] ?? '', 10)}`;
  for (const pattern of CLASS_PATTERNS) {
    const m = pattern.exec(text);
    if (!m) continue;
    const stage =
      m[1] === '初' || m[1] === '初中' ? 'junior' : m[1] === '高' || m[1] === '高中' ? 'senior' : 'primary';
    const grade = parseSmallNumber(m[2] ?? '');
    const classNo = parseSmallNumber(m[3] ?? m[4] ?? '');
    if (grade === null || classNo === null || grade < 1 || grade > 12 || classNo < 1) return null;
    return `${stage}|${grade}|${classNo}`;
  }
  return null;
}

function keysOfClass(cls: RosterClass): { text: string; key: string | null } {
  const text = classTextKey(cls.name);
  let key = classKey(cls.name);
  if (key === null && cls.grade !== undefined && cls.grade !== '') {
    const grade = typeof cls.grade === 'number' ? `${cls.grade}年级` : String(cls.grade);
    key =
      classKey(`${grade}${cls.name}`) ??
      classKey(`${/年|级/.test(grade) ? grade : `${grade}年级`}${cls.name}`);
  }
  return { text, key };
}

export interface ClassMatcher {
  match(raw: string): ClassMatch;
}

export function createClassMatcher(classes: readonly RosterClass[]): ClassMatcher {
  const byText = new Map<string, RosterClass[]>();
  const byKey = new Map<string, RosterClass[]>();
  for (const cls of classes) {
    const { text, key } = keysOfClass(cls);
    byText.set(text, [...(byText.get(text) ?? []), cls]);
    if (key !== null) byKey.set(key, [...(byKey.get(key) ?? []), cls]);
  }
  const resolve = (found: RosterClass[]): ClassMatch => {
    const unique = [...new Map(found.map((cls) => [cls.id, cls])).values()];
    if (unique.length === 1) return { kind: 'found', classId: unique[0]!.id };
    return { kind: 'ambiguous', candidates: unique.map((cls) => cls.name) };
  };
  const cache = new Map<string, ClassMatch>();
  return {
    match(raw) {
      const text = classTextKey(raw);
      const cached = cache.get(text);
      if (cached) return cached;
      let result: ClassMatch = { kind: 'not_found' };
      const exact = byText.get(text);
      if (text !== '' && exact) result = resolve(exact);
      else {
        const key = classKey(raw);
        const found = key === null ? undefined : byKey.get(key);
        if (found) result = resolve(found);
      }
      cache.set(text, result);
      return result;
    },
  };
}
