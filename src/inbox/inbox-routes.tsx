import { and, eq } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { audit, auditStatement } from '../audit/audit-log.js';
import { canAnswerThread, canUseInbox } from '../auth/permissions.js';
import type { ConsoleEnv } from '../console/console-env.js';
import { Denied, forbidden, notFound } from '../console/denied-page.js';
import { chatUploads, inboxMessages, inboxThreads } from '../db/schema.js';
import { clientIp } from '../http/client-ip.js';
import type { AppDeps } from '../platform/ports.js';
import { InboxListPage, ThreadPage } from './inbox-pages.js';
import { replyStatements } from './reply-to-parent.js';
import {
  listThreads,
  loadThread,
  markReadStatement,
  THREAD_STATUSES,
  type ThreadStatus,
} from './thread-queries.js';

const MAX_REPLY = 2000;

/** /console/inbox: parents' messages for the people they are meant for; every look at a thread is audited. */
export function inboxRoutes(deps: AppDeps) {
  const routes = new Hono<ConsoleEnv>();

  routes.use(async (c, next) => {
    if (!canUseInbox(c.get('actor')!)) return forbidden(c);
    await next();
  });

  routes.get('/', async (c) => {
    const asked = c.req.query('status');
    const filter: ThreadStatus | 'open' = THREAD_STATUSES.find((status) => status === asked) ?? 'open';
    const threads = await listThreads(deps, c.get('actor')!, filter);
    return c.html(<InboxListPage c={c} threads={threads} filter={filter} timeZone={deps.config.TIME_ZONE} />);
  });

  const threadFor = async (c: Context<ConsoleEnv>) => {
    const thread = await loadThread(deps, c.req.param('threadId') ?? '');
    // Someone else's thread is answered as if it did not exist.
    if (!thread || !canAnswerThread(c.get('actor')!, thread)) return { response: notFound(c) };
    return { thread };
  };

  routes.get('/:threadId', async (c) => {
    const { thread, response } = await threadFor(c);
    if (!thread) return response;
    const actor = c.get('actor')!;
    await deps.database.atomic([
      markReadStatement(deps, thread.id, actor.id),
      auditStatement(deps, {
        actorType: 'staff',
        actorId: actor.id,
        action: 'inbox.thread_view',
        targetType: 'inbox_thread',
        targetId: thread.id,
        schoolId: thread.schoolId,
        ip: clientIp(c),
      }),
    ]);
    c.header('cache-control', 'private, no-store');
    return c.html(<ThreadPage c={c} thread={thread} timeZone={deps.config.TIME_ZONE} canReply />);
  });

  routes.post('/:threadId/reply', async (c) => {
    const { thread, response } = await threadFor(c);
    if (!thread) return response;
    const form = await c.req.parseBody();
    const body = typeof form.body === 'string' ? form.body.trim() : '';
    const t = c.get('t');
    if (body.length === 0 || body.length > MAX_REPLY)
      return c.html(<Denied c={c} message={t('inbox.console.reply_invalid', { max: MAX_REPLY })} />, 400);
    if (thread.status === 'closed')
      return c.html(<Denied c={c} message={t('inbox.console.closed_note')} />, 400);
    await deps.database.atomic(await replyStatements(deps, c.get('actor')!, thread, body, clientIp(c)));
    return c.redirect(`/console/inbox/${thread.id}`, 303);
  });

  routes.post('/:threadId/close', async (c) => {
    const { thread, response } = await threadFor(c);
    if (!thread) return response;
    const actor = c.get('actor')!;
    if (thread.status !== 'closed') {
      await deps.database.atomic([
        deps.database.db
          .update(inboxThreads)
          .set({ status: 'closed', updatedAt: deps.clock.now() })
          .where(eq(inboxThreads.id, thread.id)),
        auditStatement(deps, {
          actorType: 'staff',
          actorId: actor.id,
          action: 'inbox.close',
          targetType: 'inbox_thread',
          targetId: thread.id,
          schoolId: thread.schoolId,
          ip: clientIp(c),
        }),
      ]);
    }
    return c.redirect('/console/inbox', 303);
  });

  // A photo a parent attached: only through a thread it belongs to, and every look is logged.
  routes.get('/:threadId/photos/:uploadId', async (c) => {
    const { thread, response } = await threadFor(c);
    if (!thread) return response;
    const [upload] = await deps.database.db
      .select({ blobKey: chatUploads.blobKey })
      .from(inboxMessages)
      .innerJoin(chatUploads, eq(chatUploads.id, inboxMessages.uploadId))
      .where(and(eq(inboxMessages.threadId, thread.id), eq(inboxMessages.uploadId, c.req.param('uploadId'))))
      .limit(1);
    const blob = upload ? await deps.blobs.get(upload.blobKey) : null;
    if (!blob) return notFound(c);
    await audit(deps, {
      actorType: 'staff',
      actorId: c.get('actor')!.id,
      action: 'inbox.photo_view',
      targetType: 'inbox_thread',
      targetId: thread.id,
      schoolId: thread.schoolId,
      ip: clientIp(c),
    });
    return c.body(blob.bytes, 200, {
      'content-type': blob.contentType,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    });
  });

  return routes;
}
