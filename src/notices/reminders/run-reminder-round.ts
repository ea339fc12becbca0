import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { inJsonList } from '../../db/in-json-list.js';
import {
  conversations,
  noticeReminderRounds,
  noticeReminderSends,
  notices,
  noticeVersions,
  outbox,
  schools,
  students,
} from '../../db/schema.js';
import {
  enqueueJobs,
  jobInsertStatements,
  type NewOutboxRow,
  outboxInsertStatements,
} from '../../delivery/index.js';
import { isLocale, surfaceOf } from '../../i18n/index.js';
import type { AppDeps, AtomicStatement } from '../../platform/ports.js';
import { stableId } from '../../util/stable-id.js';
import { pendingRecipients } from './pending-recipients.js';
import { nextSendableTime } from './quiet-hours.js';
import { reminderCard } from './reminder-card.js';

const SEND_COLUMNS = 7;

/**
 * The notice_reminder job. Outside quiet hours it reminds every family of the round's classes who has not done
 * what the notice asks and has a channel, unless they already had MAX_REMINDERS_PER_NOTICE reminders for this
 * notice. Each reminder first takes a numbered slot (unique per family and notice), so concurrent rounds cannot
 * exceed the cap; the round's outbox rows are keyed by round and family, so running the job twice sends once.
 */
export async function runReminderRound(deps: AppDeps, roundId: string): Promise<{ reminded: number }> {
  const { db } = deps.database;
  const [round] = await db.select().from(noticeReminderRounds).where(eq(noticeReminderRounds.id, roundId));
  if (!round) return { reminded: 0 };
  if (round.status === 'done') return { reminded: round.reminded ?? 0 };
  const now = deps.clock.now();
  const allowed = nextSendableTime(now, deps.config.TIME_ZONE, deps.config.QUIET_HOURS);
  if (allowed > now) {
    // Woken inside quiet hours (a late retry, a scheduler tick at night): wait for the morning.
    await enqueueJobs(deps, [
      {
        job: { type: 'notice_reminder', roundId },
        idempotencyKey: `notice_reminder:${roundId}:${allowed}`,
        runAt: allowed,
      },
    ]);
    return { reminded: 0 };
  }

  const [found] = await db
    .select({ version: noticeVersions, notice: notices, schoolName: schools.name })
    .from(noticeVersions)
    .innerJoin(notices, eq(notices.id, noticeVersions.noticeId))
    .innerJoin(schools, eq(schools.id, notices.schoolId))
    .where(eq(noticeVersions.id, round.versionId));
  const [newest] = await db
    .select({ id: noticeVersions.id })
    .from(noticeVersions)
    .where(and(eq(noticeVersions.noticeId, round.noticeId), eq(noticeVersions.status, 'sent')))
    .orderBy(desc(noticeVersions.version))
    .limit(1);
  // A version replaced by a newer one is not reminded: its families were asked again with the new one.
  const targets =
    found && newest?.id === round.versionId
      ? await pendingRecipients(deps, round.versionId, found.version.confirmation, JSON.parse(round.classIds))
      : [];

  // Where each family was reached with the notice itself: remind there (a family no channel reaches has none).
  const addresses = new Map<string, { channel: 'web' | 'line' | 'wechat'; address: string }[]>();
  for (let start = 0; start < targets.length; start += 90) {
    const ids = targets.slice(start, start + 90).map((row) => row.id);
    const rows = await db
      .select({ subjectId: outbox.subjectId, channel: outbox.channel, address: outbox.address })
      .from(outbox)
      .where(
        and(
          eq(outbox.topic, 'notice'),
          inArray(outbox.subjectId, ids),
          ne(outbox.channel, 'none'),
          inArray(outbox.status, ['sent', 'delivered']),
        ),
      );
    for (const row of rows) {
      if (row.channel === 'none' || !row.address) continue;
      addresses.set(row.subjectId, [
        ...(addresses.get(row.subjectId) ?? []),
        { channel: row.channel, address: row.address },
      ]);
    }
  }
  const reachable = targets.filter((row) => addresses.has(row.id));

  // How many reminders each family already had for this notice.
  const counts = new Map<string, number>();
  const familyKey = (row: { studentId: string; guardianKey: string }) =>
    `${row.studentId}|${row.guardianKey}`;
  for (const row of await db
    .select({
      studentId: noticeReminderSends.studentId,
      guardianKey: noticeReminderSends.guardianKey,
      count: sql<number>`count(*)`,
    })
    .from(noticeReminderSends)
    .where(eq(noticeReminderSends.noticeId, round.noticeId))
    .groupBy(noticeReminderSends.studentId, noticeReminderSends.guardianKey)) {
    counts.set(familyKey(row), Number(row.count));
  }
  const cap = deps.config.MAX_REMINDERS_PER_NOTICE;
  const slots = reachable
    .filter((row) => (counts.get(familyKey(row)) ?? 0) < cap)
    .map((row) => ({
      roundId,
      recipientId: row.id,
      noticeId: round.noticeId,
      studentId: row.studentId,
      guardianKey: row.guardianKey,
      seq: (counts.get(familyKey(row)) ?? 0) + 1,
      createdAt: now,
    }));
  const perStatement = Math.max(1, Math.floor(deps.database.maxBoundParameters / SEND_COLUMNS));
  const slotInserts: AtomicStatement[] = [];
  for (let start = 0; start < slots.length; start += perStatement) {
    slotInserts.push(
      db
        .insert(noticeReminderSends)
        .values(slots.slice(start, start + perStatement))
        .onConflictDoNothing(),
    );
  }
  if (slotInserts.length > 0) await deps.database.atomic(slotInserts);

  // The families this round really holds a slot for (a second run finds the same ones).
  const held = new Set(
    (
      await db
        .select({ recipientId: noticeReminderSends.recipientId })
        .from(noticeReminderSends)
        .where(eq(noticeReminderSends.roundId, roundId))
    ).map((row) => row.recipientId),
  );
  const reminded = reachable.filter((row) => held.has(row.id));
  const outboxRows: NewOutboxRow[] = [];
  if (found && reminded.length > 0) {
    const names = new Map<string, string>();
    const locales = new Map<string, unknown>();
    for (let start = 0; start < reminded.length; start += 90) {
      const some = reminded.slice(start, start + 90);
      for (const row of await db
        .select({ id: students.id, name: students.name })
        .from(students)
        .where(
          inArray(
            students.id,
            some.map((each) => each.studentId),
          ),
        )) {
        names.set(row.id, row.name);
      }
      // Each chat's own language: web chat addresses are conversation ids, LINE and WeChat ones channel users.
      const chats = some.flatMap((each) => addresses.get(each.id) ?? []);
      for (const [channel, list] of [
        ['web', chats.filter((a) => a.channel === 'web').map((a) => a.address)],
        ['line', chats.filter((a) => a.channel === 'line').map((a) => a.address)],
        ['wechat', chats.filter((a) => a.channel === 'wechat').map((a) => a.address)],
      ] as const) {
        if (list.length === 0) continue;
        const key = channel === 'web' ? conversations.id : conversations.channelUserId;
        for (const row of await db
          .select({
            address: key,
            locale: sql<unknown>`json_extract(${conversations.state}, '$.locale')`,
          })
          .from(conversations)
          .where(and(eq(conversations.channel, channel), inJsonList(key, list)))) {
          if (row.address) locales.set(`${channel}:${row.address}`, row.locale);
        }
      }
    }
    for (const recipient of reminded) {
      for (const { channel, address } of addresses.get(recipient.id) ?? []) {
        const stored = locales.get(`${channel}:${address}`);
        const card = reminderCard({
          locale: isLocale(stored) ? stored : deps.config.DEFAULT_LOCALE,
          surface: surfaceOf(channel),
          title: found.version.title,
          schoolName: found.schoolName,
          studentName: names.get(recipient.studentId) ?? '',
          confirmation: found.version.confirmation,
          token: recipient.token,
        });
        outboxRows.push({
          id: stableId('ob_', `${roundId}|${recipient.id}|${channel}:${address}`),
          idempotencyKey: `notice_reminder:${roundId}:${recipient.id}:${channel}:${address}`,
          topic: 'notice_reminder',
          groupId: roundId,
          subjectId: recipient.id,
          schoolId: found.notice.schoolId,
          channel,
          address,
          payload: JSON.stringify([card]),
          status: 'queued',
          createdAt: now,
          updatedAt: now,
        });
      }
    }
  }
  const deliver = jobInsertStatements(deps, [
    { job: { type: 'deliver_outbox', groupId: roundId }, idempotencyKey: `deliver_outbox:${roundId}` },
  ]);
  await deps.database.atomic([
    ...outboxInsertStatements(deps, outboxRows),
    ...(outboxRows.length > 0 ? deliver.statements : []),
    db
      .update(noticeReminderRounds)
      .set({ status: 'done', reminded: reminded.length, ranAt: now })
      .where(eq(noticeReminderRounds.id, roundId)),
  ]);
  if (outboxRows.length > 0) await deps.queue.dispatch(deliver.dispatched);
  return { reminded: reminded.length };
}
