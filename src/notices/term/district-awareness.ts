import { asc, eq } from 'drizzle-orm';
import { schools } from '../../db/schema.js';
import type { AppDeps } from '../../platform/ports.js';
import { addProgress, emptyProgress, type NoticeProgress } from '../notice-stats.js';
import { schoolTermAwareness } from './term-awareness.js';
import { configuredTerms, type TermWindow, termBounds, windowFor } from './term-window.js';

export interface SchoolTermRow {
  schoolId: string;
  schoolName: string;
  /** This school's dates of the term (its own, or the calendar's). */
  window: TermWindow;
  notices: number;
  families: number;
  progress: NoticeProgress;
  /** Closed since: a school closed during or after the term still answers for the notices it sent in it. */
  closedAt: number | null;
}

/**
 * Each school of the district that was open in the term: notices sent, families, and their 知晓率 added up.
 * Schools closed before the term began are left out; one closed later keeps its row (marked closed).
 */
export async function districtTermAwareness(
  deps: Pick<AppDeps, 'database' | 'config'>,
  districtId: string,
  key: string,
): Promise<{ schools: SchoolTermRow[]; total: NoticeProgress; configured: Map<string, TermWindow[]> }> {
  const list = await deps.database.db
    .select({ id: schools.id, name: schools.name, closedAt: schools.closedAt })
    .from(schools)
    .where(eq(schools.districtId, districtId))
    .orderBy(asc(schools.name));
  const configured = await configuredTerms(
    deps,
    list.map((school) => school.id),
  );
  const rows: SchoolTermRow[] = [];
  for (const school of list) {
    const window = windowFor(key, configured.get(school.id) ?? []);
    if (!window) continue;
    const bounds = termBounds(window, deps.config.TIME_ZONE);
    if (school.closedAt !== null && school.closedAt < bounds.start) continue;
    const term = await schoolTermAwareness(deps, school.id, bounds, null);
    rows.push({
      schoolId: school.id,
      schoolName: school.name,
      window,
      notices: term.notices.length,
      families: term.families,
      progress: term.total,
      closedAt: school.closedAt,
    });
  }
  const total = rows.reduce((sum, row) => addProgress(sum, row.progress), emptyProgress());
  return { schools: rows, total, configured };
}
