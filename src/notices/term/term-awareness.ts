import { and, desc, eq, sql } from 'drizzle-orm';
import { noticeRecipients, notices, noticeVersions } from '../../db/schema.js';
import type { AppDeps } from '../../platform/ports.js';
import {
  addProgress,
  emptyProgress,
  type NoticeProgress,
  progressColumns,
  progressOf,
} from '../notice-stats.js';

/** One notice's figures for the term: its newest version sent in the term. */
export interface TermNotice {
  noticeId: string;
  versionId: string;
  title: string;
  version: number;
  sentAt: number;
  progress: NoticeProgress;
}

export interface SchoolTermAwareness {
  notices: TermNotice[];
  /** Every notice's families added up (a family told twice counts twice, as each notice must reach it). */
  total: NoticeProgress;
  /** Distinct families (students) the term's notices were for. */
  families: number;
}

/**
 * 知晓率 of a school's term across its notices: for each notice sent in [start, end), its newest version sent
 * in that window, counted by family. `classIds` limits it to the classes the viewer may see (a class teacher),
 * and notices none of whose families are theirs drop out.
 */
export async function schoolTermAwareness(
  deps: Pick<AppDeps, 'database'>,
  schoolId: string,
  bounds: { start: number; end: number },
  classIds: readonly string[] | null,
): Promise<SchoolTermAwareness> {
  const { db } = deps.database;
  const inTerm = termVersionIds(schoolId, bounds);
  const versions = await db
    .select({
      id: noticeVersions.id,
      noticeId: noticeVersions.noticeId,
      title: noticeVersions.title,
      version: noticeVersions.version,
      sentAt: noticeVersions.sentAt,
    })
    .from(noticeVersions)
    .where(sql`${noticeVersions.id} in (${inTerm})`)
    .orderBy(desc(noticeVersions.sentAt));
  if (versions.length === 0) return { notices: [], total: emptyProgress(), families: 0 };
  const termVersion = and(
    eq(noticeRecipients.schoolId, schoolId),
    sql`${noticeRecipients.versionId} in (${inTerm})`,
  );
  const visible = classIds ? new Set(classIds) : null;
  const rows = (
    await db
      .select({
        versionId: noticeRecipients.versionId,
        classId: noticeRecipients.classId,
        ...progressColumns(),
      })
      .from(noticeRecipients)
      .where(termVersion)
      .groupBy(noticeRecipients.versionId, noticeRecipients.classId)
  ).filter((row) => !visible || visible.has(row.classId));
  const families = (
    await db
      .select({
        classId: noticeRecipients.classId,
        count: sql<number>`count(distinct ${noticeRecipients.studentId})`,
      })
      .from(noticeRecipients)
      .where(termVersion)
      .groupBy(noticeRecipients.classId)
  )
    .filter((row) => !visible || visible.has(row.classId))
    .reduce((sum, row) => sum + Number(row.count), 0);

  const byVersion = new Map<string, NoticeProgress>();
  for (const row of rows)
    byVersion.set(
      row.versionId,
      addProgress(byVersion.get(row.versionId) ?? emptyProgress(), progressOf(row)),
    );
  const list = versions
    .filter((version) => byVersion.has(version.id))
    .map((version) => ({
      noticeId: version.noticeId,
      versionId: version.id,
      title: version.title,
      version: version.version,
      sentAt: version.sentAt ?? 0,
      progress: byVersion.get(version.id)!,
    }));
  const total = list.reduce((sum, row) => addProgress(sum, row.progress), emptyProgress());
  return { notices: list, total, families };
}

/** The ids of the term's version of each notice: sent in the window, with no later version also sent in it. */
function termVersionIds(schoolId: string, bounds: { start: number; end: number }) {
  return sql`select nv.id from ${noticeVersions} nv join ${notices} n on n.id = nv.notice_id
    where n.school_id = ${schoolId} and nv.status = 'sent'
      and nv.sent_at >= ${bounds.start} and nv.sent_at < ${bounds.end}
      and not exists (select 1 from ${noticeVersions} later where later.notice_id = nv.notice_id
        and later.status = 'sent' and later.version > nv.version
        and later.sent_at >= ${bounds.start} and later.sent_at < ${bounds.end})`;
}
