import { desc, eq } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { raw } from 'hono/html';
import { audit } from '../../audit/audit-log.js';
import { canRemindNotice, canViewNotice, visibleNoticeClasses } from '../../auth/permissions.js';
import type { ConsoleEnv } from '../../console/console-env.js';
import { forbidden, notFound } from '../../console/denied-page.js';
import { CsrfField, Layout } from '../../console/layout.js';
import { noticeReminderRounds } from '../../db/schema.js';
import { tableFile } from '../../export/index.js';
import { clientIp } from '../../http/client-ip.js';
import type { Translate } from '../../i18n/index.js';
import type { AppDeps } from '../../platform/ports.js';
import { formatLocalTime } from '../../util/local-time.js';
import { rate } from '../notice-stats.js';
import { type LoadedNotice, loadNotice } from '../notice-store.js';
import { requestReminder } from '../reminders/request-reminder.js';
import {
  AwarenessChart,
  AwarenessTable,
  AwarenessTiles,
  ChartLegend,
  DASHBOARD_STYLE,
} from './awareness-chart.js';
import { noticeDashboard, type PendingFamily, pendingFamilies } from './notice-progress.js';
import { AWARENESS_STEPS, type ProgressRow } from './roll-up.js';

/** /console/notices/:noticeId/… : the 知晓率 dashboard, the families not reached yet, exports and reminders. */
export function noticeDashboardRoutes(deps: AppDeps) {
  const routes = new Hono<ConsoleEnv>();

  const noticeFor = async (c: Context<ConsoleEnv>) => {
    const loaded = await loadNotice(deps, c.req.param('noticeId') ?? '');
    if (!loaded) return { response: notFound(c) };
    if (!canViewNotice(c.get('actor')!, loaded.scope)) return { response: forbidden(c) };
    return { loaded };
  };
  const gradeLabel = (c: Context<ConsoleEnv>) => (grade: number) =>
    c.get('t')('notices.console.grade_n', { grade });

  routes.get('/:noticeId/dashboard', async (c) => {
    const { loaded, response } = await noticeFor(c);
    if (!loaded) return response;
    const t = c.get('t');
    const actor = c.get('actor')!;
    const dashboard = await noticeDashboard(deps, actor, loaded, gradeLabel(c));
    const version = loaded.lastSent;
    if (!dashboard || !version) {
      return c.html(
        <Layout
          t={t}
          locale={c.get('locale')}
          inboxUnread={c.get('inboxUnread')}
          actor={actor}
          title={loaded.current.title}
        >
          <p class="muted">{t('noticeDashboard.not_sent')}</p>
          <p>
            <a href={`/console/notices/${loaded.notice.id}`}>{t('noticeDashboard.back')}</a>
          </p>
        </Layout>,
      );
    }
    const rounds = await deps.database.db
      .select()
      .from(noticeReminderRounds)
      .where(eq(noticeReminderRounds.noticeId, loaded.notice.id))
      .orderBy(desc(noticeReminderRounds.createdAt))
      .limit(10);
    const canRemind = canRemindNotice(actor, loaded.scope);
    const base = `/console/notices/${loaded.notice.id}`;
    const zone = deps.config.TIME_ZONE;
    const overall = dashboard.school.progress;
    const notice = c.req.query('reminded');
    const mayRemind = (classId: string) =>
      actor.role === 'school_officer' || actor.classIds.includes(classId);
    const remindableTotal = [...dashboard.remindable].reduce(
      (sum, [classId, count]) => sum + (mayRemind(classId) ? count : 0),
      0,
    );
    return c.html(
      <Layout
        t={t}
        locale={c.get('locale')}
        inboxUnread={c.get('inboxUnread')}
        actor={actor}
        title={t('noticeDashboard.title', { title: version.title })}
      >
        <style>{raw(DASHBOARD_STYLE)}</style>
        {dashboard.sending && (
          <>
            <meta http-equiv="refresh" content="5" />
            <p class="live" id="live">
              {t('noticeDashboard.sending', {
                done: overall.delivered + overall.noChannel + overall.failed,
                total: overall.total,
              })}
            </p>
          </>
        )}
        {notice && (
          <p class="banner good">
            {notice === 'later' ? t('noticeDashboard.remind_later') : t('noticeDashboard.remind_now')}
          </p>
        )}
        <p class="muted">
          {loaded.schoolName} · {t('notices.console.version', { version: version.version })} ·{' '}
          {t('notices.console.sent_at')} {formatLocalTime(version.sentAt ?? 0, zone)} ·{' '}
          {t('notices.console.hash')} <code>{version.contentHash?.slice(0, 16)}</code> ·{' '}
          {t(`notices.console.confirmation_${version.confirmation}`)}
        </p>
        {overall.noChannel > 0 && (
          <p class="banner" id="no-channel">
            {t('noticePaper.banner', { count: overall.noChannel })}{' '}
            <a href={`${base}/paper`}>{t('noticePaper.link')}</a>
          </p>
        )}
        <AwarenessTiles t={t} progress={overall} />
        <div class="actions">
          {canRemind && remindableTotal > 0 && (
            <form method="post" action={`${base}/remind`}>
              <CsrfField actor={actor} />
              <button type="submit" id="remind-all">
                {t('noticeDashboard.remind', { count: remindableTotal })}
              </button>
            </form>
          )}
          <a class="button" href={`${base}/pending`}>
            {t('noticeDashboard.pending_link')}
          </a>
          <a class="button" href={`${base}/archive`}>
            {t('noticeArchive.link')}
          </a>
          <a class="button" href={`${base}/paper`}>
            {t('noticePaper.link')}
          </a>
          <a href={`${base}/stats.xlsx`}>{t('noticeDashboard.export_xlsx')}</a>
          <a href={`${base}/stats.csv`}>{t('noticeDashboard.export_csv')}</a>
          <a href={base}>{t('noticeDashboard.back')}</a>
        </div>
        <ChartLegend t={t} />
        <h2>{t('noticeDashboard.by_class')}</h2>
        <div class="dash">
          <AwarenessChart t={t} rows={dashboard.classes} title={t('noticeDashboard.by_class')} />
          <div class="scroll">
            <AwarenessTable
              t={t}
              rows={dashboard.classes}
              heading={t('console.classes.class')}
              link={(row) => `${base}/pending?classId=${row.key}`}
            />
            {canRemind && (
              <div class="actions">
                {dashboard.classes
                  .filter((row) => (dashboard.remindable.get(row.key) ?? 0) > 0)
                  .filter((row) => mayRemind(row.key))
                  .map((row) => (
                    <form method="post" action={`${base}/remind`}>
                      <CsrfField actor={actor} />
                      <input type="hidden" name="classId" value={row.key} />
                      <button type="submit" class="secondary" data-remind-class={row.key}>
                        {t('noticeDashboard.remind_class', { name: row.label })}
                      </button>
                    </form>
                  ))}
              </div>
            )}
          </div>
        </div>
        {dashboard.grades.length > 1 && (
          <>
            <h2>{t('noticeDashboard.by_grade')}</h2>
            <div class="dash">
              <AwarenessChart t={t} rows={dashboard.grades} title={t('noticeDashboard.by_grade')} />
              <div class="scroll">
                <AwarenessTable t={t} rows={dashboard.grades} heading={t('noticeDashboard.grade')} />
              </div>
            </div>
          </>
        )}
        <h2>{t('noticeDashboard.by_school')}</h2>
        <div class="scroll">
          <AwarenessTable t={t} rows={[dashboard.school]} heading={t('console.classes.school')} />
        </div>
        {rounds.length > 0 && (
          <>
            <h2>{t('noticeDashboard.rounds')}</h2>
            <table>
              <tbody>
                {rounds.map((round) => (
                  <tr>
                    <td>{formatLocalTime(round.createdAt, zone)}</td>
                    <td>{t(`noticeDashboard.round_${round.kind}`)}</td>
                    <td>
                      {round.status === 'done'
                        ? t('noticeDashboard.round_done', { count: round.reminded ?? 0 })
                        : t('noticeDashboard.round_waiting')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </Layout>,
    );
  });

  routes.get('/:noticeId/pending', async (c) => {
    const { loaded, response } = await noticeFor(c);
    if (!loaded) return response;
    const t = c.get('t');
    const actor = c.get('actor')!;
    const classId = c.req.query('classId') || undefined;
    if (classId && !visibleNoticeClasses(actor, loaded.scope).includes(classId)) return forbidden(c);
    const families = await pendingFamilies(deps, actor, loaded, classId);
    const dashboard = await noticeDashboard(deps, actor, loaded, gradeLabel(c));
    const names = new Map(dashboard?.classes.map((row) => [row.key, row.label]) ?? []);
    // A list of children's names: logged like opening a class roster.
    await audit(deps, {
      actorType: 'staff',
      actorId: actor.id,
      action: 'notice.pending.view',
      targetType: 'notice',
      targetId: loaded.notice.id,
      schoolId: loaded.notice.schoolId,
      details: { classId: classId ?? null, families: families.length },
      ip: clientIp(c),
    });
    const base = `/console/notices/${loaded.notice.id}`;
    return c.html(
      <Layout
        t={t}
        locale={c.get('locale')}
        inboxUnread={c.get('inboxUnread')}
        actor={actor}
        title={t('noticeDashboard.pending_title', { title: loaded.lastSent?.title ?? loaded.current.title })}
      >
        <p>
          <a href={`${base}/dashboard`}>{t('noticeDashboard.back_dashboard')}</a>
          {classId && (
            <>
              {' · '}
              <a href={`${base}/pending`}>{t('noticeDashboard.all_classes')}</a>
            </>
          )}
        </p>
        {families.length === 0 ? (
          <p class="ok">{t('noticeDashboard.pending_none')}</p>
        ) : (
          <table id="pending">
            <thead>
              <tr>
                <th>{t('console.class.number')}</th>
                <th>{t('console.class.student')}</th>
                <th>{t('console.classes.class')}</th>
                <th>{t('notices.console.receipt_guardian')}</th>
                <th>{t('noticeDashboard.stage')}</th>
                <th>{t('crossChannel.delivered_via')}</th>
                <th>{t('noticeDashboard.reminders')}</th>
              </tr>
            </thead>
            <tbody>
              {families.map((family) => (
                // Labelled cells: on a phone the rows stack and each value says what it is.
                <tr data-recipient={family.recipientId} data-stage={family.stage}>
                  <td data-label={t('console.class.number')}>{family.studentNumber}</td>
                  <td data-label={t('console.class.student')}>{family.studentName}</td>
                  <td data-label={t('console.classes.class')}>
                    {names.get(family.classId) ?? family.classId}
                  </td>
                  <td data-label={t('notices.console.receipt_guardian')}>
                    {family.relation
                      ? t(`roster.relations.${family.relation}`)
                      : t('noticeDashboard.no_guardian')}
                  </td>
                  <td data-label={t('noticeDashboard.stage')}>
                    {t(`noticeDashboard.stage_${family.stage}`)}
                  </td>
                  <td data-label={t('crossChannel.delivered_via')} data-via={family.deliveredVia ?? ''}>
                    <DeliveredVia t={t} family={family} />
                  </td>
                  <td data-label={t('noticeDashboard.reminders')}>{family.reminders}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Layout>,
    );
  });

  const exportRows = (
    c: Context<ConsoleEnv>,
    dashboard: NonNullable<Awaited<ReturnType<typeof noticeDashboard>>>,
  ) => {
    const t = c.get('t');
    const line = (level: string, row: ProgressRow) => [
      level,
      row.label,
      row.progress.total,
      ...AWARENESS_STEPS.flatMap((step) => [
        row.progress[step],
        rate(row.progress[step], row.progress.total),
      ]),
    ];
    return {
      headers: [
        t('noticeDashboard.level'),
        t('noticeDashboard.name'),
        t('notices.console.total'),
        ...AWARENESS_STEPS.flatMap((step) => [
          t(`notices.console.${step}`),
          `${t(`notices.console.${step}`)} %`,
        ]),
      ],
      rows: [
        line(t('console.classes.school'), dashboard.school),
        ...dashboard.grades.map((row) => line(t('noticeDashboard.grade'), row)),
        ...dashboard.classes.map((row) => line(t('console.classes.class'), row)),
      ],
    };
  };

  for (const format of ['csv', 'xlsx'] as const) {
    routes.get(`/:noticeId/stats.${format}`, async (c) => {
      const { loaded, response } = await noticeFor(c);
      if (!loaded) return response;
      const actor = c.get('actor')!;
      const dashboard = await noticeDashboard(deps, actor, loaded, gradeLabel(c));
      if (!dashboard) return notFound(c);
      const { headers, rows } = exportRows(c, dashboard);
      await audit(deps, {
        actorType: 'staff',
        actorId: actor.id,
        action: 'notice.stats.export',
        targetType: 'notice',
        targetId: loaded.notice.id,
        schoolId: loaded.notice.schoolId,
        details: { format },
        ip: clientIp(c),
      });
      const file = tableFile(format, c.get('t')('noticeDashboard.sheet'), [headers, ...rows]);
      return c.body(file.bytes, 200, {
        'content-type': file.contentType,
        'content-disposition': `attachment; filename="awareness-${loaded.notice.id}.${format}"`,
        'cache-control': 'private, no-store',
      });
    });
  }

  routes.post('/:noticeId/remind', async (c) => {
    const { loaded, response } = await noticeFor(c);
    if (!loaded) return response;
    const actor = c.get('actor')!;
    if (!canRemindNotice(actor, loaded.scope) || !loaded.lastSent) return forbidden(c);
    const form = await c.req.parseBody();
    const asked = typeof form.classId === 'string' && form.classId !== '' ? form.classId : null;
    const mine = visibleNoticeClasses(actor, loaded.scope).filter(
      (id) => actor.role === 'school_officer' || actor.classIds.includes(id),
    );
    if (asked && !mine.includes(asked)) return forbidden(c);
    const { runAt } = await remindFamilies(deps, c, loaded, asked ? [asked] : mine);
    const later = runAt > deps.clock.now();
    return c.redirect(
      `/console/notices/${loaded.notice.id}/dashboard?reminded=${later ? 'later' : 'now'}`,
      303,
    );
  });

  return routes;
}

function remindFamilies(
  deps: AppDeps,
  c: Context<ConsoleEnv>,
  loaded: LoadedNotice,
  classIds: readonly string[],
) {
  return requestReminder(
    deps,
    {
      noticeId: loaded.notice.id,
      versionId: loaded.lastSent!.id,
      schoolId: loaded.notice.schoolId,
      classIds,
    },
    { actor: c.get('actor')!, ip: clientIp(c) },
  );
}

/** Which channel delivered, and the ones that refused before it (a fallback): "微信（LINE 未送达）". */
function DeliveredVia({ t, family }: { t: Translate; family: PendingFamily }) {
  const name = (channel: string) => t(`notices.console.channel_${channel}`);
  const channels = family.refusedOn.map(name).join(t('chat.list_separator'));
  if (!family.deliveredVia) return <>{channels ? t('crossChannel.refused_on', { channels }) : '—'}</>;
  return (
    <>
      {name(family.deliveredVia)}
      {channels && <small class="muted">{t('crossChannel.refused_before', { channels })}</small>}
    </>
  );
}
