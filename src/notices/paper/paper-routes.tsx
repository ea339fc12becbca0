import { type Context, Hono } from 'hono';
import { raw } from 'hono/html';
import { canRecordPaperReceipt, canViewNotice, visibleNoticeClasses } from '../../auth/permissions.js';
import { issueBindingCodes } from '../../binding/binding-service.js';
import { sniffImageType } from '../../chat/sniff-image.js';
import type { ConsoleEnv } from '../../console/console-env.js';
import { forbidden, notFound } from '../../console/denied-page.js';
import { CsrfField, Layout } from '../../console/layout.js';
import { clientIp, publicOrigin } from '../../http/client-ip.js';
import type { AppDeps } from '../../platform/ports.js';
import { formatLocalTime } from '../../util/local-time.js';
import { fanOutPending } from '../fan-out-status.js';
import { type LoadedNotice, loadNotice, parseVersionContent } from '../notice-store.js';
import { noChannelFamilies, noChannelFamily } from './no-channel-families.js';
import { PAPER_STYLE, PaperCard } from './paper-card.js';
import { recordPaperReceipt } from './record-paper-receipt.js';

const DAY = 86_400_000;

/** /console/notices/:noticeId/paper: families no channel reaches, their printed 明白卡, and their paper receipts. */
export function noticePaperRoutes(deps: AppDeps) {
  const routes = new Hono<ConsoleEnv>();

  const noticeFor = async (c: Context<ConsoleEnv>) => {
    const loaded = await loadNotice(deps, c.req.param('noticeId') ?? '');
    if (!loaded) return { response: notFound(c) };
    if (!canViewNotice(c.get('actor')!, loaded.scope)) return { response: forbidden(c) };
    if (!loaded.lastSent) return { response: notFound(c) };
    return { loaded, version: loaded.lastSent };
  };
  /** The classes whose paper receipts this person may record (the officer: all; a teacher: their own). */
  const recordable = (c: Context<ConsoleEnv>, loaded: LoadedNotice) =>
    visibleNoticeClasses(c.get('actor')!, loaded.scope).filter((id) =>
      canRecordPaperReceipt(c.get('actor')!, loaded.scope, id),
    );

  const listPage = async (
    c: Context<ConsoleEnv>,
    loaded: LoadedNotice,
    message?: { text: string; good: boolean },
    status: 200 | 400 | 409 = 200,
  ) => {
    const t = c.get('t');
    const actor = c.get('actor')!;
    const version = loaded.lastSent!;
    const families = await noChannelFamilies(deps, version.id, visibleNoticeClasses(actor, loaded.scope));
    const preparing = await fanOutPending(deps, version.id);
    const mine = new Set(recordable(c, loaded));
    const base = `/console/notices/${loaded.notice.id}`;
    const open = families.filter((family) => family.receiptId === null && mine.has(family.recipient.classId));
    return c.html(
      <Layout
        t={t}
        locale={c.get('locale')}
        inboxUnread={c.get('inboxUnread')}
        actor={actor}
        title={t('noticePaper.title', { title: version.title })}
      >
        {message && <p class={message.good ? 'banner good' : 'banner'}>{message.text}</p>}
        <p class="muted">{t('noticePaper.intro')}</p>
        <p>
          <a href={`${base}/dashboard`}>{t('noticeDashboard.back_dashboard')}</a>
        </p>
        {preparing && (
          <>
            <meta http-equiv="refresh" content="3" />
            <p class="banner" id="preparing">
              {t('noticePaper.preparing')}
            </p>
          </>
        )}
        {families.length === 0 ? (
          !preparing && <p class="ok">{t('noticePaper.none')}</p>
        ) : (
          <>
            {open.length > 0 && (
              <form method="post" action={`${base}/paper/print`} class="card">
                <CsrfField actor={actor} />
                <p class="muted">{t('noticePaper.print_hint')}</p>
                <button type="submit" id="print-paper">
                  {t('noticePaper.print', { count: open.length })}
                </button>
              </form>
            )}
            <table id="paper-families">
              <thead>
                <tr>
                  <th>{t('console.class.number')}</th>
                  <th>{t('console.class.student')}</th>
                  <th>{t('console.classes.class')}</th>
                  <th>{t('noticePaper.receipt')}</th>
                </tr>
              </thead>
              <tbody>
                {families.map((family) => (
                  <tr data-recipient={family.recipient.id}>
                    <td>{family.studentNumber}</td>
                    <td>{family.studentName}</td>
                    <td>{family.className}</td>
                    <td>
                      {family.receiptId ? (
                        <span class="ok">
                          {t('noticePaper.recorded', {
                            time: formatLocalTime(family.recipient.signedAt ?? 0, deps.config.TIME_ZONE),
                          })}{' '}
                          <a href={`${base}/paper-photos/${family.receiptId}`}>{t('noticePaper.photo')}</a>
                        </span>
                      ) : mine.has(family.recipient.classId) ? (
                        <form
                          method="post"
                          action={`${base}/paper/${family.recipient.id}`}
                          enctype="multipart/form-data"
                          class="inline"
                        >
                          <CsrfField actor={actor} />
                          <input type="file" name="photo" accept="image/*" capture="environment" required />{' '}
                          <button type="submit">{t('noticePaper.record')}</button>
                        </form>
                      ) : (
                        <span class="muted">{t('noticePaper.not_yet')}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </Layout>,
      status,
    );
  };

  routes.get('/:noticeId/paper', async (c) => {
    const { loaded, response } = await noticeFor(c);
    if (!loaded) return response;
    return listPage(c, loaded);
  });

  routes.post('/:noticeId/paper/print', async (c) => {
    const { loaded, version, response } = await noticeFor(c);
    if (!loaded) return response;
    const actor = c.get('actor')!;
    const mine = recordable(c, loaded);
    if (mine.length === 0) return forbidden(c);
    const families = (await noChannelFamilies(deps, version.id, mine)).filter(
      (family) => family.receiptId === null,
    );
    // A fresh binding code per child, so the family can be reached by chat next time (older open codes end).
    const codes = await issueBindingCodes(
      deps,
      actor.id,
      loaded.notice.schoolId,
      [...new Set(families.map((family) => family.recipient.studentId))],
      clientIp(c),
    );
    const t = c.get('t');
    const content = parseVersionContent(version);
    const origin = publicOrigin(c);
    const expires = formatLocalTime(
      deps.clock.now() + deps.config.BINDING_CODE_DAYS * DAY,
      deps.config.TIME_ZONE,
    ).slice(0, 10);
    return c.html(
      <Layout
        t={t}
        locale={c.get('locale')}
        inboxUnread={c.get('inboxUnread')}
        actor={actor}
        title={t('noticePaper.print_title', { title: version.title })}
      >
        <style>{raw(PAPER_STYLE)}</style>
        <p class="no-print">
          <button type="button" onclick="window.print()">
            {t('console.codes.print')}
          </button>{' '}
          <a href={`/console/notices/${loaded.notice.id}/paper`}>{t('noticePaper.back')}</a>
        </p>
        <p class="banner no-print">{t('console.codes.once')}</p>
        {families.map((family) => {
          const code = codes.get(family.recipient.studentId) ?? '';
          return (
            <PaperCard
              t={t}
              title={version.title}
              schoolName={loaded.schoolName}
              content={content}
              studentName={family.studentName}
              className={family.className}
              studentId={family.recipient.studentId}
              recipientId={family.recipient.id}
              contentHash={version.contentHash ?? ''}
              bindLink={`${origin}/chat?bind=${code}`}
              bindCode={code}
              bindExpires={expires}
            />
          );
        })}
      </Layout>,
    );
  });

  routes.post('/:noticeId/paper/:recipientId', async (c) => {
    const { loaded, version, response } = await noticeFor(c);
    if (!loaded) return response;
    const actor = c.get('actor')!;
    const t = c.get('t');
    const family = await noChannelFamily(deps, version.id, c.req.param('recipientId'));
    if (!family || !visibleNoticeClasses(actor, loaded.scope).includes(family.recipient.classId))
      return notFound(c);
    if (!canRecordPaperReceipt(actor, loaded.scope, family.recipient.classId)) return forbidden(c);
    const form = await c.req.parseBody();
    const photo = form.photo;
    if (!(photo instanceof File) || photo.size === 0 || photo.size > deps.config.MAX_UPLOAD_BYTES) {
      return listPage(c, loaded, { text: t('noticePaper.bad_photo'), good: false }, 400);
    }
    const bytes = new Uint8Array(await photo.arrayBuffer());
    const contentType = sniffImageType(bytes);
    if (!contentType) return listPage(c, loaded, { text: t('noticePaper.bad_photo'), good: false }, 400);
    const { created } = await recordPaperReceipt(
      deps,
      actor,
      version,
      family,
      { bytes, contentType },
      clientIp(c),
    );
    if (!created) return listPage(c, loaded, { text: t('noticePaper.already'), good: false }, 409);
    return c.redirect(`/console/notices/${loaded.notice.id}/paper`, 303);
  });

  return routes;
}
