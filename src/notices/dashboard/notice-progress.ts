import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { visibleNoticeClasses } from '../../auth/permissions.js';
import type { StaffActor } from '../../auth/staff-actor.js';
import {
  CHAT_CHANNELS,
  type ChatChannel,
  noticeRecipients,
  noticeReminderSends,
  outbox,
  students,
} from '../../db/schema.js';
import type { AppDeps } from '../../platform/ports.js';
import { audienceClasses } from '../audience-classes.js';
import { fanOutPending } from '../fan-out-status.js';
import { noticeVersionStats } from '../notice-stats.js';
import type { LoadedNotice } from '../notice-store.js';
import { notDone } from '../reminders/pending-recipients.js';
import { type ProgressRow, rollUp } from './roll-up.js';

export interface NoticeDashboard {
  classes: (ProgressRow & { grade: number })[];
  grades: ProgressRow[];
  school: ProgressRow;
  /** The fan-out has not finished or messages are still waiting to go: the page refreshes itself. */
  sending: boolean;
  /** Families not done yet that a reminder can reach (a channel delivered the notice), by class id. */
  remindable: ReadonlyMap<string, number>;
}

/** The sent version's progress as this person may see it: per class, per grade, and for the school. */
export async function noticeDashboard(
  deps: AppDeps,
  actor: StaffActor,
  loaded: LoadedNotice,
  gradeLabel: (grade: number) => string,
): Promise<NoticeDashboard | null> {
  const version = loaded.lastSent;
  if (!version) return null;
  const visible = visibleNoticeClasses(actor, loaded.scope);
  const names = new Map(
    (await audienceClasses(deps, loaded.notice.schoolId, loaded.audience)).map((row) => [row.id, row.name]),
  );
  const stats = await noticeVersionStats(deps, version.id, visible);
  const classes = stats.byClass.map((row) => ({
    key: row.classId,
    label: names.get(row.classId) ?? row.classId,
    grade: row.grade,
    progress: row,
  }));
  const grades = rollUp(
    classes,
    (row) => String(row.grade),
    (row) => gradeLabel(row.grade),
  );
  const school = rollUp(
    classes,
    () => loaded.notice.schoolId,
    () => loaded.schoolName,
  )[0] ?? {
    key: loaded.notice.schoolId,
    label: loaded.schoolName,
    progress: stats.overall,
  };
  const { db } = deps.database;
  const [queued] = await db
    .select({ count: sql<number>`count(*)` })
    .from(outbox)
    .where(and(eq(outbox.groupId, version.id), eq(outbox.status, 'queued')));
  const sending = (await fanOutPending(deps, version.id)) || Number(queued?.count ?? 0) > 0;
  const remindable = new Map<string, number>();
  if (visible.length > 0) {
    for (const row of await db
      .select({ classId: noticeRecipients.classId, count: sql<number>`count(*)` })
      .from(noticeRecipients)
      .where(
        and(
          eq(noticeRecipients.versionId, version.id),
          inArray(noticeRecipients.classId, visible.slice(0, 90)),
          notDone(version.confirmation),
          sql`exists (select 1 from ${outbox} o where o.subject_id = ${noticeRecipients.id} and o.topic = 'notice' and o.status in ('sent', 'delivered'))`,
        ),
      )
      .groupBy(noticeRecipients.classId)) {
      remindable.set(row.classId, Number(row.count));
    }
  }
  return { classes, grades, school, sending, remindable };
}

export interface PendingFamily {
  recipientId: string;
  studentName: string;
  studentNumber: string;
  classId: string;
  relation: string | null;
  /** How far they got: no_channel, failed, queued, delivered (not opened), read, understood, confirmed. */
  stage: 'no_channel' | 'failed' | 'queued' | 'delivered' | 'read' | 'understood' | 'confirmed';
  /** The channel that delivered the notice (the preferred one, or a fallback after it refused). */
  deliveredVia: ChatChannel | null;
  /** Channels that refused it, in the order tried. */
  refusedOn: ChatChannel[];
  reminders: number;
}

/** The families of the sent version who have not done what it asks, in the classes this person may see. */
export async function pendingFamilies(
  deps: AppDeps,
  actor: StaffActor,
  loaded: LoadedNotice,
  classId?: string,
): Promise<PendingFamily[]> {
  const version = loaded.lastSent;
  if (!version) return [];
  const visible = visibleNoticeClasses(actor, loaded.scope).filter((id) => !classId || id === classId);
  if (visible.length === 0) return [];
  const { db } = deps.database;
  const rows = await db
    .select({
      recipient: noticeRecipients,
      studentName: students.name,
      studentNumber: students.studentNumber,
      deliveredVia: sql<
        string | null
      >`(select o.channel from ${outbox} o where o.subject_id = ${noticeRecipients.id} and o.topic = 'notice' and o.status in ('sent', 'delivered') limit 1)`,
      refusedOn: sql<
        string | null
      >`(select group_concat(channel) from (select o.channel from ${outbox} o where o.subject_id = ${noticeRecipients.id} and o.topic = 'notice' and o.status = 'failed' order by o.rowid))`,
      noChannel: sql<number>`exists (select 1 from ${outbox} o where o.subject_id = ${noticeRecipients.id} and o.topic = 'notice' and o.status = 'no_channel')`,
      queued: sql<number>`exists (select 1 from ${outbox} o where o.subject_id = ${noticeRecipients.id} and o.topic = 'notice' and o.status = 'queued')`,
      reminders: sql<number>`(select count(*) from ${noticeReminderSends} s where s.notice_id = ${noticeRecipients.noticeId} and s.student_id = ${noticeRecipients.studentId} and s.guardian_key = ${noticeRecipients.guardianKey})`,
    })
    .from(noticeRecipients)
    .innerJoin(students, eq(students.id, noticeRecipients.studentId))
    .where(
      and(
        eq(noticeRecipients.versionId, version.id),
        inArray(noticeRecipients.classId, visible.slice(0, 90)),
        notDone(version.confirmation),
        ne(noticeRecipients.guardianKey, ''),
      ),
    )
    .orderBy(noticeRecipients.classId, students.studentNumber)
    .limit(2000);
  return rows.map(
    ({ recipient, studentName, studentNumber, deliveredVia, refusedOn, noChannel, queued, reminders }) => ({
      recipientId: recipient.id,
      studentName,
      studentNumber,
      classId: recipient.classId,
      relation: recipient.relation,
      stage: recipient.confirmedAt
        ? 'confirmed'
        : recipient.understoodAt
          ? 'understood'
          : recipient.readAt
            ? 'read'
            : deliveredVia
              ? 'delivered'
              : Number(noChannel)
                ? 'no_channel'
                : refusedOn && !Number(queued)
                  ? 'failed'
                  : 'queued',
      deliveredVia: isChatChannel(deliveredVia) ? deliveredVia : null,
      refusedOn: (refusedOn?.split(',') ?? []).filter(isChatChannel),
      reminders: Number(reminders),
    }),
  );
}

function isChatChannel(value: unknown): value is ChatChannel {
  return typeof value === 'string' && (CHAT_CHANNELS as readonly string[]).includes(value);
}
