import { inArray } from 'drizzle-orm';
import { schoolTerms } from '../../db/schema.js';
import type { AppDeps } from '../../platform/ports.js';
import { startOfLocalDay } from '../../util/local-time.js';

export type TermName = 'spring' | 'autumn';

/** A 学期 as the awareness pages count it: a key shared by every school, and this school's dates. */
export interface TermWindow {
  /** `2026-2027:autumn`: the same term at every school of the district. */
  key: string;
  schoolYear: string;
  term: TermName;
  /** YYYY-MM-DD, both days included. */
  startsOn: string;
  endsOn: string;
  /** The school set these dates itself (学年学期); otherwise they are the usual calendar of a term. */
  configured: boolean;
}

const KEY = /^(\d{4})-(\d{4}):(spring|autumn)$/;

export function termKey(schoolYear: string, term: TermName): string {
  return `${schoolYear}:${term}`;
}

/**
 * The usual dates of a term when a school has not set its own: 秋季学期 from 1 August to the end of January,
 * 春季学期 from 1 February to the end of July (so every day belongs to exactly one term).
 */
export function calendarWindow(key: string): TermWindow | null {
  const match = KEY.exec(key);
  if (!match || Number(match[2]) !== Number(match[1]) + 1) return null;
  const first = match[1]!;
  const second = match[2]!;
  const term: TermName = match[3] === 'spring' ? 'spring' : 'autumn';
  const schoolYear = `${first}-${second}`;
  return term === 'autumn'
    ? { key, schoolYear, term, startsOn: `${first}-08-01`, endsOn: `${second}-01-31`, configured: false }
    : { key, schoolYear, term, startsOn: `${second}-02-01`, endsOn: `${second}-07-31`, configured: false };
}

/** The calendar term a day (YYYY-MM-DD) falls in. */
export function calendarTermOf(day: string): TermWindow {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const key =
    month >= 8
      ? termKey(`${year}-${year + 1}`, 'autumn')
      : month === 1
        ? termKey(`${year - 1}-${year}`, 'autumn')
        : termKey(`${year - 1}-${year}`, 'spring');
  return calendarWindow(key)!;
}

/** The terms schools have set, by school. */
export async function configuredTerms(
  deps: Pick<AppDeps, 'database'>,
  schoolIds: readonly string[],
): Promise<Map<string, TermWindow[]>> {
  const bySchool = new Map<string, TermWindow[]>();
  for (let start = 0; start < schoolIds.length; start += 90) {
    const rows = await deps.database.db
      .select()
      .from(schoolTerms)
      .where(inArray(schoolTerms.schoolId, schoolIds.slice(start, start + 90)));
    for (const row of rows) {
      const list = bySchool.get(row.schoolId) ?? [];
      list.push({
        key: termKey(row.schoolYear, row.term),
        schoolYear: row.schoolYear,
        term: row.term,
        startsOn: row.startsOn,
        endsOn: row.endsOn,
        configured: true,
      });
      bySchool.set(row.schoolId, list);
    }
  }
  return bySchool;
}

/** One school's window for a term key: its own dates if it set them, else the calendar's. */
export function windowFor(key: string, configured: readonly TermWindow[]): TermWindow | null {
  return configured.find((term) => term.key === key) ?? calendarWindow(key);
}

/**
 * The terms to choose from, newest first: those the schools set, the calendar term of today and the one
 * before it. The default is the term today falls in (a school's own dates first).
 */
export function termChoices(
  configured: readonly TermWindow[],
  today: string,
): { choices: TermWindow[]; current: string } {
  const current = calendarTermOf(today);
  const previous = calendarTermOf(shiftDays(current.startsOn, -1));
  const byKey = new Map<string, TermWindow>();
  for (const term of [current, previous, ...configured]) {
    const known = byKey.get(term.key);
    if (!known || term.configured) byKey.set(term.key, term);
  }
  const choices = [...byKey.values()].sort((a, b) => (a.startsOn < b.startsOn ? 1 : -1));
  const running = configured.find((term) => term.startsOn <= today && today <= term.endsOn);
  return { choices, current: running?.key ?? current.key };
}

/** The window as epoch ms [start, end) in the deployment's zone: from the first day's midnight to the day after the last. */
export function termBounds(window: TermWindow, timeZone: string): { start: number; end: number } {
  return {
    start: startOfLocalDay(window.startsOn, timeZone),
    end: startOfLocalDay(shiftDays(window.endsOn, 1), timeZone),
  };
}

function shiftDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
