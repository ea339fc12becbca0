import { eq } from 'drizzle-orm';
import { auditStatement } from '../audit/audit-log.js';
import type { StaffActor } from '../auth/staff-actor.js';
import { appendOutboundMessage } from '../conversation/append-outbound-message.js';
import { readState } from '../conversation/conversation-state.js';
import { conversations, inboxMessages, inboxThreads } from '../db/schema.js';
import { type Locale, t } from '../i18n/index.js';
import type { AppDeps, AtomicStatement } from '../platform/ports.js';
import { newId } from '../util/ids.js';
import type { LoadedThread } from './thread-queries.js';
import { markReadStatement } from './thread-queries.js';

/** Who the parent sees a reply from: "三年级二班 班主任 王老师". */
export function replierLabel(actor: StaffActor, thread: LoadedThread, locale: Locale): string {
  const name = actor.displayName;
  if (actor.role === 'class_teacher' && thread.className)
    return t(locale, 'inbox.from.teacher', { className: thread.className, name });
  if (actor.role === 'school_officer' && thread.schoolName)
    return t(locale, 'inbox.from.officer', { schoolName: thread.schoolName, name });
  return t(locale, 'inbox.from.district', { districtName: thread.districtName, name });
}

/**
 * A staff reply: kept in the thread (now `answered`), and appended to the parent's conversation in their
 * language, all in one atomic write. Delivery to channels that push is the delivery pipeline's job, behind
 * appendOutboundMessage.
 */
export async function replyStatements(
  deps: AppDeps,
  actor: StaffActor,
  thread: LoadedThread,
  body: string,
  ip: string | null,
): Promise<AtomicStatement[]> {
  const { db } = deps.database;
  const now = deps.clock.now();
  const [conversation] = await db
    .select({ state: conversations.state })
    .from(conversations)
    .where(eq(conversations.id, thread.conversationId))
    .limit(1);
  const locale = (conversation && readState(conversation.state)?.locale) || deps.config.DEFAULT_LOCALE;
  const from = replierLabel(actor, thread, locale);
  return [
    db.insert(inboxMessages).values({
      id: newId('im_'),
      threadId: thread.id,
      author: 'staff',
      staffId: actor.id,
      body,
      createdAt: now,
    }),
    db.update(inboxThreads).set({ status: 'answered', updatedAt: now }).where(eq(inboxThreads.id, thread.id)),
    markReadStatement(deps, thread.id, actor.id),
    appendOutboundMessage(deps, thread.conversationId, {
      type: 'text',
      from,
      text: t(locale, 'inbox.reply_in_chat', { from, body }),
    }),
    auditStatement(deps, {
      actorType: 'staff',
      actorId: actor.id,
      action: 'inbox.reply',
      targetType: 'inbox_thread',
      targetId: thread.id,
      schoolId: thread.schoolId,
      ip,
    }),
  ];
}
