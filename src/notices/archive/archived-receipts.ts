import { and, asc, eq, inArray, isNotNull, type SQL } from 'drizzle-orm';
import { visibleNoticeClasses } from '../../auth/permissions.js';
import type { StaffActor } from '../../auth/staff-actor.js';
import { classes, noticeReceipts, noticeVersions, students } from '../../db/schema.js';
import type { AppDeps } from '../../platform/ports.js';
import type { LoadedNotice } from '../notice-store.js';

export interface ArchivedReceipt {
  receipt: typeof noticeReceipts.$inferSelect;
  studentName: string;
  studentNumber: string;
  className: string;
  title: string;
  version: number;
}

/**
 * The receipts for the archive: of the newest sent version (or every version with `allVersions`), in the classes
 * this person may see; for a notice that asks for a signature, only signed ones (paper receipts count: the
 * signed slip is photographed).
 */
export async function archivedReceipts(
  deps: AppDeps,
  actor: StaffActor,
  loaded: LoadedNotice,
  options: { classId?: string; allVersions?: boolean } = {},
): Promise<ArchivedReceipt[]> {
  const version = loaded.lastSent;
  if (!version) return [];
  const visible = visibleNoticeClasses(actor, loaded.scope).filter(
    (id) => !options.classId || id === options.classId,
  );
  if (visible.length === 0) return [];
  const conditions: SQL[] = [
    eq(noticeReceipts.noticeId, loaded.notice.id),
    inArray(noticeReceipts.classId, visible.slice(0, 90)),
  ];
  if (!options.allVersions) conditions.push(eq(noticeReceipts.versionId, version.id));
  if (version.confirmation === 'sign' && !options.allVersions)
    conditions.push(isNotNull(noticeReceipts.signedAt));
  const rows = await deps.database.db
    .select({
      receipt: noticeReceipts,
      studentName: students.name,
      studentNumber: students.studentNumber,
      className: classes.name,
      title: noticeVersions.title,
      version: noticeVersions.version,
    })
    .from(noticeReceipts)
    .innerJoin(students, eq(students.id, noticeReceipts.studentId))
    .innerJoin(classes, eq(classes.id, noticeReceipts.classId))
    .innerJoin(noticeVersions, eq(noticeVersions.id, noticeReceipts.versionId))
    .where(and(...conditions))
    .orderBy(asc(classes.grade), asc(classes.name), asc(students.studentNumber), asc(noticeVersions.version))
    .limit(5000);
  return rows;
}
