import type { Context } from 'hono';
import type { ConsoleEnv } from '../console/console-env.js';
import { CsrfField, Layout } from '../console/layout.js';
import { formatLocalTime, zoneLabel } from '../util/local-time.js';
import type { LoadedThread, ThreadStatus, ThreadSummary } from './thread-queries.js';

const FILTERS: readonly (ThreadStatus | 'open')[] = ['open', 'new', 'answered', 'closed'];
const EXCERPT = 80;

/** "王小明（三年级二班）的父亲", or "a parent with no linked child". */
function parentLabel(
  t: (key: string, params?: Record<string, string>) => string,
  thread: { studentName: string | null; className: string | null; relation: string | null },
) {
  if (!thread.studentName) return t('inbox.console.parent_unlinked');
  return t('inbox.console.parent_of', {
    student: thread.studentName,
    className: thread.className ?? '',
    relation: thread.relation ? t(`relation.${thread.relation}`) : t('inbox.console.guardian'),
  });
}

export function InboxListPage({
  c,
  threads,
  filter,
  timeZone,
}: {
  c: Context<ConsoleEnv>;
  threads: ThreadSummary[];
  filter: ThreadStatus | 'open';
  timeZone: string;
}) {
  const t = c.get('t');
  return (
    <Layout
      t={t}
      locale={c.get('locale')}
      inboxUnread={c.get('inboxUnread')}
      actor={c.get('actor')}
      title={t('inbox.console.title')}
    >
      <nav class="tabs">
        {FILTERS.map((each) => (
          <a href={`/console/inbox?status=${each}`} class={each === filter ? 'current' : undefined}>
            {t(`inbox.console.filter.${each}`)}
          </a>
        ))}
      </nav>
      {threads.length === 0 ? (
        <p class="muted">{t('inbox.console.empty')}</p>
      ) : (
        <ul class="threads">
          {threads.map((thread) => (
            <li class={thread.unread ? 'thread unread' : 'thread'} data-thread={thread.id}>
              <a href={`/console/inbox/${thread.id}`}>
                <span class="who">
                  {thread.unread && <span class="dot">{t('inbox.console.unread')}</span>}
                  {parentLabel(t, thread)}
                </span>
                <span class="meta">
                  {t(`flows.contact.topic_${thread.topic}`)} · {t(`inbox.status.${thread.status}`)} ·{' '}
                  {formatLocalTime(thread.updatedAt, timeZone).slice(0, 16)}
                </span>
                <span class="excerpt">
                  {thread.lastBody.length > EXCERPT
                    ? `${thread.lastBody.slice(0, EXCERPT)}…`
                    : thread.lastBody}
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
      <p class="muted">{t('inbox.console.times_in', { zone: zoneLabel(timeZone, Date.now()) })}</p>
    </Layout>
  );
}

export function ThreadPage({
  c,
  thread,
  timeZone,
  canReply,
}: {
  c: Context<ConsoleEnv>;
  thread: LoadedThread;
  timeZone: string;
  canReply: boolean;
}) {
  const t = c.get('t');
  const actor = c.get('actor')!;
  return (
    <Layout
      t={t}
      locale={c.get('locale')}
      inboxUnread={c.get('inboxUnread')}
      actor={actor}
      title={parentLabel(t, thread)}
    >
      <p>
        <a href="/console/inbox">{t('inbox.console.back')}</a>
      </p>
      <p class="muted">
        {t(`flows.contact.topic_${thread.topic}`)} ·{' '}
        <strong data-status={thread.status}>{t(`inbox.status.${thread.status}`)}</strong> ·{' '}
        {thread.audience === 'district'
          ? t('inbox.console.sent_to_district', { districtName: thread.districtName })
          : t('inbox.console.sent_to_class', {
              schoolName: thread.schoolName ?? '',
              className: thread.className ?? '',
            })}
      </p>
      <ol class="messages">
        {thread.messages.map((message) => (
          <li class={`message ${message.author}`} data-message={message.id}>
            <div class="muted">
              {message.author === 'guardian' ? parentLabel(t, thread) : (message.staffName ?? '')} ·{' '}
              {formatLocalTime(message.createdAt, timeZone).slice(0, 16)}
            </div>
            <div class="body">{message.body}</div>
            {message.uploadId && (
              <a
                href={`/console/inbox/${thread.id}/photos/${message.uploadId}`}
                target="_blank"
                rel="noopener"
              >
                <img
                  src={`/console/inbox/${thread.id}/photos/${message.uploadId}`}
                  alt={t('inbox.console.photo')}
                  class="photo"
                />
              </a>
            )}
          </li>
        ))}
      </ol>
      <p class="muted">{t('inbox.console.times_in', { zone: zoneLabel(timeZone, Date.now()) })}</p>
      {canReply && thread.status !== 'closed' && (
        <>
          <form method="post" action={`/console/inbox/${thread.id}/reply`} class="card">
            <CsrfField actor={actor} />
            <label for="body">{t('inbox.console.reply_label')}</label>
            <textarea id="body" name="body" rows={5} maxlength={2000} required />
            <p class="muted">{t('inbox.console.reply_hint')}</p>
            <button type="submit">{t('inbox.console.reply')}</button>
          </form>
          <form method="post" action={`/console/inbox/${thread.id}/close`}>
            <CsrfField actor={actor} />
            <button type="submit" class="secondary">
              {t('inbox.console.close')}
            </button>
          </form>
        </>
      )}
      {thread.status === 'closed' && <p class="banner">{t('inbox.console.closed_note')}</p>}
    </Layout>
  );
}
