import { and, eq, isNull, ne } from 'drizzle-orm';
import { auditStatement } from '../audit/audit-log.js';
import type { ChatIdentity } from '../binding/binding-service.js';
import { chatUploads, inboxMessages, inboxThreads } from '../db/schema.js';
import type { AppDeps, AtomicStatement } from '../platform/ports.js';
import { newId } from '../util/ids.js';
import type { Recipient } from './recipients.js';

export interface ParentMessage {
  identity: ChatIdentity;
  conversationId: string;
  recipient: Recipient;
  topic: string;
  body: string;
  /** A photo sent in this same conversation; anything else is dropped. */
  uploadId: string | null;
}

/**
 * The writes that file a parent's message: onto their open thread with the same recipient (back to `new`),
 * or a new thread. Run in the conversation's own atomic write, so a message is filed exactly once.
 */
export async function leaveMessageStatements(
  deps: AppDeps,
  message: ParentMessage,
): Promise<{ threadId: string; statements: AtomicStatement[] }> {
  const { db } = deps.database;
  const now = deps.clock.now();
  const { recipient } = message;
  const [open] = await db
    .select({ id: inboxThreads.id })
    .from(inboxThreads)
    .where(
      and(
        eq(inboxThreads.conversationId, message.conversationId),
        eq(inboxThreads.audience, recipient.audience),
        recipient.studentId === null
          ? isNull(inboxThreads.studentId)
          : eq(inboxThreads.studentId, recipient.studentId),
        ne(inboxThreads.status, 'closed'),
      ),
    )
    .limit(1);
  const [upload] = message.uploadId
    ? await db
        .select({ id: chatUploads.id })
        .from(chatUploads)
        .where(
          and(eq(chatUploads.id, message.uploadId), eq(chatUploads.conversationId, message.conversationId)),
        )
        .limit(1)
    : [];
  const threadId = open?.id ?? newId('th_');
  const statements: AtomicStatement[] = [
    open
      ? db
          .update(inboxThreads)
          .set({ status: 'new', updatedAt: now, lastGuardianAt: now })
          .where(eq(inboxThreads.id, threadId))
      : db.insert(inboxThreads).values({
          id: threadId,
          channel: message.identity.channel,
          identity: message.identity.id,
          conversationId: message.conversationId,
          ...recipient,
          topic: message.topic,
          status: 'new',
          createdAt: now,
          updatedAt: now,
          lastGuardianAt: now,
        }),
    db.insert(inboxMessages).values({
      id: newId('im_'),
      threadId,
      author: 'guardian',
      topic: message.topic,
      body: message.body,
      uploadId: upload?.id ?? null,
      createdAt: now,
    }),
    auditStatement(deps, {
      actorType: 'guardian',
      actorId: `${message.identity.channel}:${message.identity.id}`,
      action: 'inbox.message',
      targetType: 'inbox_thread',
      targetId: threadId,
      schoolId: recipient.schoolId,
      details: { audience: recipient.audience, photo: upload !== undefined },
    }),
  ];
  return { threadId, statements };
}
