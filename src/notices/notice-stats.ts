import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { noticeRecipients, outbox } from '../db/schema.js';
import type { AppDeps } from '../platform/ports.js';

/** How far one version has got, as counts of families (recipients). */
export interface NoticeProgress {
  total: number;
  /** At least one of the family's channels has it: in the web chat, or accepted by LINE or WeChat. */
  delivered: number;
  /** Of those, the ones LINE or WeChat accepted (the web chat's are in the conversation itself). */
  sent: number;
  queued: number;
  failed: number;
  noChannel: number;
  read: number;
  understood: number;
  confirmed: number;
  signed: number;
}

export interface ClassProgress extends NoticeProgress {
  classId: string;
  grade: number;
}

/** Outbox rows of one recipient's notice (one per channel tried: the preferred one, then its fallbacks). */
const rowsOf = (status: SQL) =>
  sql`exists (select 1 from ${outbox} o where o.subject_id = notice_recipients.id and o.topic = 'notice' and ${status})`;
const statusIn = (statuses: readonly string[]) =>
  sql`o.status in (${sql.join(
    statuses.map((status) => sql`${status}`),
    sql`, `,
  )})`;
const count = (condition: SQL) => sql<number>`sum(case when ${condition} then 1 else 0 end)`;

/** A channel has it: in the web chat (`delivered`) or accepted by LINE or WeChat for the phone (`sent`). */
const REACHED = ['sent', 'delivered'] as const;
/** Still on its way: a row waiting, perhaps a fallback written after the preferred channel refused. */
const WAITING = ['queued'] as const;

/**
 * The counts of NoticeProgress as aggregate columns over notice_recipients (read back with progressOf). A family
 * is counted once, by where its message got to on any of its channels: a fallback that delivered counts as
 * delivered (not failed), and a family is failed only when every channel tried refused it.
 */
export function progressColumns() {
  const reached = rowsOf(statusIn(REACHED));
  const waiting = rowsOf(statusIn(WAITING));
  return {
    total: sql<number>`count(*)`,
    delivered: count(reached),
    /** Handed to LINE or WeChat (not yet known to be read); kept for the staff API's `sent`. */
    sent: count(rowsOf(statusIn(['sent']))),
    queued: count(sql`not ${reached} and ${waiting}`),
    failed: count(sql`not ${reached} and not ${waiting} and ${rowsOf(statusIn(['failed']))}`),
    noChannel: count(rowsOf(statusIn(['no_channel']))),
    read: sql<number>`count(${noticeRecipients.readAt})`,
    understood: sql<number>`count(${noticeRecipients.understoodAt})`,
    confirmed: sql<number>`count(${noticeRecipients.confirmedAt})`,
    signed: sql<number>`count(${noticeRecipients.signedAt})`,
  };
}

/**
 * Counts by status for one sent version, per class (the dashboard adds up classes into grades and schools).
 * `classIds` limits it to the classes the viewer may see.
 */
export async function noticeVersionStats(
  deps: Pick<AppDeps, 'database'>,
  versionId: string,
  classIds?: readonly string[],
): Promise<{ overall: NoticeProgress; byClass: ClassProgress[] }> {
  const where =
    classIds === undefined
      ? eq(noticeRecipients.versionId, versionId)
      : and(eq(noticeRecipients.versionId, versionId), inArray(noticeRecipients.classId, [...classIds]));
  if (classIds !== undefined && classIds.length === 0) return { overall: emptyProgress(), byClass: [] };
  const rows = await deps.database.db
    .select({ classId: noticeRecipients.classId, grade: noticeRecipients.grade, ...progressColumns() })
    .from(noticeRecipients)
    .where(where)
    .groupBy(noticeRecipients.classId, noticeRecipients.grade)
    .orderBy(noticeRecipients.grade, noticeRecipients.classId);
  const byClass = rows.map((row) => ({
    classId: row.classId,
    grade: row.grade,
    ...progressOf(row),
  }));
  const overall = byClass.reduce((sum, row) => addProgress(sum, row), emptyProgress());
  return { overall, byClass };
}

const KEYS = [
  'total',
  'delivered',
  'sent',
  'queued',
  'failed',
  'noChannel',
  'read',
  'understood',
  'confirmed',
  'signed',
] as const;

/** A row of progressColumns() as numbers (drivers may return counts as strings or null). */
export function progressOf(row: Record<(typeof KEYS)[number], number | string | null>): NoticeProgress {
  return Object.fromEntries(KEYS.map((key) => [key, Number(row[key] ?? 0)])) as unknown as NoticeProgress;
}

export function emptyProgress(): NoticeProgress {
  return Object.fromEntries(KEYS.map((key) => [key, 0])) as unknown as NoticeProgress;
}

export function addProgress(a: NoticeProgress, b: NoticeProgress): NoticeProgress {
  return Object.fromEntries(KEYS.map((key) => [key, a[key] + b[key]])) as unknown as NoticeProgress;
}

/** A share as a percentage with one decimal (62.5), 0 when there is nobody. */
export function rate(part: number, total: number): number {
  return total === 0 ? 0 : Math.round((part / total) * 1000) / 10;
}
