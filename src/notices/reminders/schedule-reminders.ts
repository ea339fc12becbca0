import { and, desc, eq, gte, lte } from 'drizzle-orm';
import { notices, noticeVersions } from '../../db/schema.js';
import type { AppDeps } from '../../platform/ports.js';
import { stableId } from '../../util/stable-id.js';
import { audienceClasses } from '../audience-classes.js';
import { audienceSchema } from '../notice-content.js';
import { requestReminder } from './request-reminder.js';

const HOUR = 60 * 60_000;
/** A reminder whose time passed more than this long ago (the service was down, or just configured) is skipped. */
const CATCH_UP = 48 * HOUR;

/**
 * Called by the scheduler: for every newest sent version whose REMINDER_AFTER_HOURS marks have passed, the
 * scheduled round for each mark (same id each time, so the scheduler ticking often creates it once).
 */
export async function scheduleDueReminders(deps: AppDeps): Promise<number> {
  const hours = deps.config.REMINDER_AFTER_HOURS;
  if (hours.length === 0 || deps.config.MAX_REMINDERS_PER_NOTICE === 0) return 0;
  const now = deps.clock.now();
  const earliest = now - Math.max(...hours) * HOUR - CATCH_UP;
  const latest = now - Math.min(...hours) * HOUR;
  const { db } = deps.database;
  const sent = await db
    .select({ version: noticeVersions, notice: notices })
    .from(noticeVersions)
    .innerJoin(notices, eq(notices.id, noticeVersions.noticeId))
    .where(
      and(
        eq(noticeVersions.status, 'sent'),
        gte(noticeVersions.sentAt, earliest),
        lte(noticeVersions.sentAt, latest),
      ),
    )
    .orderBy(desc(noticeVersions.version))
    .limit(500);
  let created = 0;
  const seen = new Set<string>();
  for (const { version, notice } of sent) {
    // Only the newest sent version of each notice.
    if (seen.has(notice.id)) continue;
    seen.add(notice.id);
    const [newest] = await db
      .select({ id: noticeVersions.id })
      .from(noticeVersions)
      .where(and(eq(noticeVersions.noticeId, notice.id), eq(noticeVersions.status, 'sent')))
      .orderBy(desc(noticeVersions.version))
      .limit(1);
    if (newest?.id !== version.id) continue;
    const sentAt = version.sentAt ?? 0;
    const due = hours.filter((hour) => sentAt + hour * HOUR <= now && sentAt + hour * HOUR >= now - CATCH_UP);
    if (due.length === 0) continue;
    const classIds = (
      await audienceClasses(deps, notice.schoolId, audienceSchema.parse(JSON.parse(notice.audience)))
    ).map((row) => row.id);
    for (const hour of due) {
      await requestReminder(
        deps,
        { noticeId: notice.id, versionId: version.id, schoolId: notice.schoolId, classIds },
        { scheduledId: stableId('rms_', `${version.id}|${hour}`) },
      );
      created++;
    }
  }
  return created;
}
