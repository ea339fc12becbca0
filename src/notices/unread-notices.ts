import { and, eq, isNull, sql } from 'drizzle-orm';
import { noticeRecipients, noticeVersions, outbox } from '../db/schema.js';
import type { AppDeps } from '../platform/ports.js';

/**
 * Notices delivered into one web chat conversation that the guardian has not opened yet (newest version of
 * each only), for the unread marker in the chat page's title.
 */
export async function unreadNoticesFor(deps: Pick<AppDeps, 'database'>, conversationId: string) {
  const rows = await deps.database.db
    .select({ token: noticeRecipients.token, title: noticeVersions.title })
    .from(outbox)
    .innerJoin(noticeRecipients, eq(noticeRecipients.id, outbox.subjectId))
    .innerJoin(noticeVersions, eq(noticeVersions.id, noticeRecipients.versionId))
    .where(
      and(
        eq(outbox.channel, 'web'),
        eq(outbox.address, conversationId),
        eq(outbox.topic, 'notice'),
        eq(outbox.status, 'delivered'),
        isNull(noticeRecipients.readAt),
        // Only the newest sent version of each notice counts.
        sql`not exists (select 1 from notice_versions newer where newer.notice_id = ${noticeVersions.noticeId}
          and newer.status = 'sent' and newer.version > ${noticeVersions.version})`,
      ),
    )
    .limit(50);
  return rows.map((row) => ({ url: `/n/${row.token}`, title: row.title }));
}
