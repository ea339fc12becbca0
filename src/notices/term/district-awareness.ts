import { and, asc, eq, isNull } from 'drizzle-orm';
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
}

/** Each open school of the district in one term: notices sent, families, and their 知晓率 added up. */
export async function districtTermAwareness(
  deps: Pick<AppDeps, 'database' | 'config'>,
  districtId: string,
  key: string,
): Promise<{ schools: SchoolTermRow[]; total: NoticeProgress; configured: Map<string, TermWindow[]> }> {
  const list = await deps.database.db
    .select({ id: schools.id, name: schools.name })
    .from(schools)
    .where(and(eq(schools.districtId, districtId), isNull(schools.closedAt)))
    .orderBy(asc(schools.name));
  const configured = await configuredTerms(
    deps,
    list.map((school) => school.id),
  );
  const rows: SchoolTermRow[] = [];
  for (const school of list) {
    const window = windowFor(key, configured.get(school.id) ?? []);
    if (!window) continue;
    const term = await schoolTermAwareness(deps, school.id, termBounds(window, deps.config.TIME_ZONE), null);
    rows.push({
      schoolId: school.id,
      schoolName: school.name,
      window,
      notices: term.notices.length,
      families: term.families,
      progress: term.total,
    });
  }
  const total = rows.reduce((sum, row) => addProgress(sum, row.progress), emptyProgress());
  return { schools: rows, total, configured };
}
