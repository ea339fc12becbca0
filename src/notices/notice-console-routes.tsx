import { and, desc, eq, inArray } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { audit } from '../audit/audit-log.js';
import {
  canManageNotice,
  canViewDistrictAwareness,
  canViewNotice,
  canWriteNotices,
  visibleNoticeClasses,
} from '../auth/permissions.js';
import type { StaffActor } from '../auth/staff-actor.js';
import type { ConsoleEnv } from '../console/console-env.js';
import { forbidden, notFound } from '../console/denied-page.js';
import { CsrfField } from '../console/layout.js';
import { noticeReceipts, schools, students } from '../db/schema.js';
import { clientIp } from '../http/client-ip.js';
import { type Locale, translatorFor } from '../i18n/index.js';
import type { AppDeps } from '../platform/ports.js';
import { getCatalog, getDefaultCatalog, StageIdSchema } from '../policy/index.js';
import { type AudienceClass, audienceClasses } from './audience-classes.js';
import { audienceReach } from './audience-reach.js';
import { formatLocalDate, formatLocalTime } from './format-time.js';
import type { NoticeKind } from './notice-content.js';
import { type FormValues, readNoticeForm } from './notice-form.js';
import { NoticeForm, NoticeLayout, ProgressTable } from './notice-pages.js';
import { noticeVersionStats } from './notice-stats.js';
import {
  createNotice,
  type LoadedNotice,
  listNotices,
  loadNotice,
  type NoticeDraft,
  parseVersionContent,
  startRevision,
  updateDraft,
} from './notice-store.js';
import { policyCardRows } from './policy-card-template.js';
import { sendNotice } from './send-notice.js';
import { SendPanel } from './send-panel.js';

const KINDS: readonly NoticeKind[] = ['policy_card', 'funding_notice', 'free_text'];

/** The console's notice pages, mounted at /console/notices by the console shell. */
export function noticeConsoleRoutes(deps: AppDeps) {
  const routes = new Hono<ConsoleEnv>();

  /** The classes this person may send to: the officer's whole school, a teacher's own classes. */
  const sendableClasses = async (actor: StaffActor): Promise<AudienceClass[]> => {
    if (!actor.schoolId) return [];
    const all = await audienceClasses(deps, actor.schoolId, { scope: 'school' });
    return actor.role === 'school_officer' ? all : all.filter((row) => actor.classIds.includes(row.id));
  };

  const studentNumbers = async (schoolId: string) => {
    const rows = await deps.database.db
      .select({ id: students.id, number: students.studentNumber })
      .from(students)
      .where(eq(students.schoolId, schoolId));
    return {
      byNumber: new Map(rows.map((row) => [row.number, row.id])),
      byId: new Map(rows.map((row) => [row.id, row.number])),
    };
  };

  const templateDraft = async (
    actor: StaffActor,
    kind: NoticeKind,
    locale: Locale,
    stageAsked?: string,
  ): Promise<NoticeDraft> => {
    const t = translatorFor(locale);
    const [school] = actor.schoolId
      ? await deps.database.db
          .select({ stage: schools.stage })
          .from(schools)
          .where(eq(schools.id, actor.schoolId))
      : [];
    const stage = StageIdSchema.safeParse(stageAsked ?? school?.stage);
    const stageId = stage.success ? stage.data : 'primary';
    const today = formatLocalDate(deps.clock.now(), deps.config.TIME_ZONE);
    const catalog = getCatalog(deps.config.DEFAULT_CATALOG) ?? getDefaultCatalog();
    const classIds = (await sendableClasses(actor)).map((row) => row.id);
    return {
      kind,
      audience: actor.role === 'school_officer' ? { scope: 'school' } : { scope: 'classes', classIds },
      title:
        kind === 'policy_card'
          ? t('notices.template.policy_card_title', { stage: t(`policy.stage.${stageId}`) })
          : kind === 'funding_notice'
            ? t('notices.template.funding_notice_title')
            : '',
      locale,
      confirmation: kind === 'free_text' ? 'confirm' : 'sign',
      content: {
        body: '',
        stage: kind === 'policy_card' ? stageId : undefined,
        programmes: kind === 'policy_card' ? policyCardRows(catalog, stageId, today, locale) : [],
        studentRows: {},
        deadline: '',
        antiFraud: t('notices.template.antifraud'),
        consultPhone: deps.config.AID_HOTLINE,
        reportPhone: '',
        check:
          kind === 'free_text'
            ? []
            : [
                {
                  question: t('notices.template.default_question'),
                  options: [t('notices.template.default_wrong'), t('notices.template.default_right')],
                  answer: 1,
                  explanation: t('notices.template.default_explanation'),
                },
              ],
      },
    };
  };

  const noticeFor = async (c: Context<ConsoleEnv>, check: typeof canViewNotice) => {
    const loaded = await loadNotice(deps, c.req.param('noticeId') ?? '');
    if (!loaded) return { response: notFound(c) };
    if (!check(c.get('actor')!, loaded.scope)) return { response: forbidden(c) };
    return { loaded };
  };

  routes.get('/', async (c) => {
    const actor = c.get('actor')!;
    const t = c.get('t');
    const all = await listNotices(deps, actor);
    const mine = [];
    for (const row of all) {
      const classIds = (await audienceClasses(deps, row.notice.schoolId, row.audience)).map(
        (each) => each.id,
      );
      if (
        canViewNotice(actor, {
          schoolId: row.notice.schoolId,
          districtId: actor.districtId ?? '',
          classIds,
        }) ||
        actor.role === 'district_officer'
      )
        mine.push(row);
    }
    return c.html(
      <NoticeLayout c={c} title={t('notices.console.title')}>
        <p class="actions">
          {actor.schoolId && <a href="/console/notices/term">{t('noticeTerm.link')}</a>}
          {canViewDistrictAwareness(actor) && (
            <a href="/console/notices/district">{t('noticeTerm.district_link')}</a>
          )}
        </p>
        {canWriteNotices(actor) && (
          <p>
            {KINDS.map((kind) => (
              <>
                <a class="button" href={`/console/notices/new?kind=${kind}`}>
                  {t('notices.console.new')}: {t(`notices.console.kind_${kind}`)}
                </a>{' '}
              </>
            ))}
          </p>
        )}
        {mine.length === 0 ? (
          <p class="muted">{t('notices.console.none')}</p>
        ) : (
          <table>
            <tbody>
              {mine.map((row) => (
                <tr>
                  <td>
                    <a href={`/console/notices/${row.notice.id}`}>{row.current.title}</a>
                  </td>
                  <td>{t(`notices.console.kind_${row.notice.kind}`)}</td>
                  <td>{t('notices.console.version', { version: row.current.version })}</td>
                  <td>{t(`notices.console.status_${row.current.status}`)}</td>
                  <td>{row.schoolName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </NoticeLayout>,
    );
  });

  routes.get('/new', async (c) => {
    const actor = c.get('actor')!;
    if (!canWriteNotices(actor)) return forbidden(c);
    const kindAsked = c.req.query('kind') as NoticeKind;
    const kind = KINDS.includes(kindAsked) ? kindAsked : 'policy_card';
    const draft = await templateDraft(actor, kind, c.get('locale'), c.req.query('stage'));
    const numbers = await studentNumbers(actor.schoolId!);
    return c.html(
      <NoticeLayout
        c={c}
        title={`${c.get('t')('notices.console.new')}: ${c.get('t')(`notices.console.kind_${kind}`)}`}
      >
        <NoticeForm
          c={c}
          kind={kind}
          draft={draft}
          classes={await sendableClasses(actor)}
          action="/console/notices"
          numberOf={numbers.byId}
        />
      </NoticeLayout>,
    );
  });

  const readForm = async (c: Context<ConsoleEnv>, kind: NoticeKind, actor: StaffActor) => {
    const form = (await c.req.parseBody({ all: true })) as FormValues;
    const numbers = await studentNumbers(actor.schoolId!);
    const result = readNoticeForm(form, {
      kind,
      studentIdByNumber: numbers.byNumber,
      fallbackLocale: c.get('locale'),
    });
    if (!result.ok) return { result, numbers };
    // Only classes this person may send to, and only this school's students' rows.
    const allowed = new Set((await sendableClasses(actor)).map((row) => row.id));
    const audience = result.draft.audience;
    if (actor.role !== 'school_officer' && audience.scope !== 'classes')
      return { result: { ok: false as const, errors: ['audience'] }, numbers };
    if (audience.scope === 'classes' && audience.classIds.some((id) => !allowed.has(id)))
      return { result: { ok: false as const, errors: ['audience'] }, numbers };
    return { result, numbers };
  };

  routes.post('/', async (c) => {
    const actor = c.get('actor')!;
    if (!canWriteNotices(actor)) return forbidden(c);
    const kindAsked = (await c.req.parseBody()).kind as NoticeKind;
    const kind = KINDS.includes(kindAsked) ? kindAsked : 'free_text';
    const { result, numbers } = await readForm(c, kind, actor);
    if (!result.ok) {
      const draft = await templateDraft(actor, kind, c.get('locale'));
      return c.html(
        <NoticeLayout c={c} title={c.get('t')('notices.console.new')}>
          <NoticeForm
            c={c}
            kind={kind}
            draft={draft}
            classes={await sendableClasses(actor)}
            action="/console/notices"
            errors={result.errors}
            numberOf={numbers.byId}
          />
        </NoticeLayout>,
        400,
      );
    }
    const { noticeId } = await createNotice(deps, actor, result.draft, clientIp(c));
    return c.redirect(`/console/notices/${noticeId}`, 303);
  });

  routes.get('/:noticeId', async (c) => {
    const { loaded, response } = await noticeFor(c, canViewNotice);
    if (!loaded) return response;
    return c.html(await detailPage(c, loaded));
  });

  const detailPage = async (c: Context<ConsoleEnv>, loaded: LoadedNotice, errors?: string[]) => {
    const actor = c.get('actor')!;
    const t = c.get('t');
    const { current, lastSent } = loaded;
    const canManage = canManageNotice(actor, loaded.scope);
    const visible = visibleNoticeClasses(actor, loaded.scope);
    const classRows = await audienceClasses(deps, loaded.notice.schoolId, loaded.audience);
    const nameOf = new Map(classRows.map((row) => [row.id, row.name]));
    const stats = lastSent ? await noticeVersionStats(deps, lastSent.id, visible) : null;
    const receipts =
      lastSent && visible.length > 0
        ? await deps.database.db
            .select({ receipt: noticeReceipts, studentName: students.name })
            .from(noticeReceipts)
            .innerJoin(students, eq(students.id, noticeReceipts.studentId))
            .where(
              and(
                eq(noticeReceipts.noticeId, loaded.notice.id),
                inArray(noticeReceipts.classId, [...visible]),
              ),
            )
            .orderBy(desc(noticeReceipts.createdAt))
            .limit(500)
        : [];
    const numbers = await studentNumbers(loaded.notice.schoolId);
    const sendable = canManage ? await sendableClasses(actor) : [];
    const reach =
      canManage && current.status === 'draft'
        ? await audienceReach(deps, loaded.notice.schoolId, loaded.audience)
        : null;
    return (
      <NoticeLayout c={c} title={current.title}>
        <p class="muted">
          {t(`notices.console.kind_${loaded.notice.kind}`)} ·{' '}
          {t('notices.console.version', { version: current.version })} ·{' '}
          {t(`notices.console.status_${current.status}`)} · {loaded.schoolName}
        </p>
        {lastSent && stats && (
          <section class="card">
            <h2>
              {t('notices.console.progress')} · {t('notices.console.version', { version: lastSent.version })}
            </h2>
            <p>
              <a href={`/console/notices/${loaded.notice.id}/dashboard`}>{t('noticeDashboard.link')}</a>
            </p>
            {stats.overall.noChannel > 0 && (
              <p class="banner" id="no-channel">
                {t('noticePaper.banner', { count: stats.overall.noChannel })}{' '}
                <a href={`/console/notices/${loaded.notice.id}/paper`}>{t('noticePaper.link')}</a>
              </p>
            )}
            <p class="muted">
              {t('notices.console.sent_at')}: {formatLocalTime(lastSent.sentAt ?? 0, deps.config.TIME_ZONE)} ·{' '}
              {t('notices.console.hash')}: <code>{lastSent.contentHash?.slice(0, 16)}</code>
            </p>
            <ProgressTable
              c={c}
              rows={[
                { label: t('notices.console.all'), progress: stats.overall },
                ...stats.byClass.map((row) => ({
                  label: nameOf.get(row.classId) ?? row.classId,
                  progress: row,
                })),
              ]}
            />
          </section>
        )}
        {canManage && current.status === 'draft' && (
          <>
            <NoticeForm
              c={c}
              kind={loaded.notice.kind}
              draft={{
                kind: loaded.notice.kind,
                audience: loaded.audience,
                title: current.title,
                locale: current.locale,
                confirmation: current.confirmation,
                content: parseVersionContent(current),
              }}
              classes={sendable}
              action={`/console/notices/${loaded.notice.id}`}
              errors={errors}
              numberOf={numbers.byId}
            />
            {reach && (
              <SendPanel
                t={t}
                actor={actor}
                noticeId={loaded.notice.id}
                versionId={current.id}
                classCount={loaded.scope.classIds.length}
                reach={reach}
              />
            )}
          </>
        )}
        {canManage && current.status === 'sent' && (
          <form method="post" action={`/console/notices/${loaded.notice.id}/revise`}>
            <CsrfField actor={actor} />
            <button type="submit">{t('notices.console.revise')}</button>
          </form>
        )}
        {receipts.length > 0 && (
          <section class="card">
            <h2>{t('notices.console.receipts')}</h2>
            <table class="receipts">
              <thead>
                <tr>
                  <th>{t('notices.console.receipt_student')}</th>
                  <th>{t('notices.console.receipt_guardian')}</th>
                  <th>{t('console.classes.class')}</th>
                  <th>{t('notices.console.hash')}</th>
                  <th>{t('notices.console.receipt_time')}</th>
                  <th>{t('notices.console.receipt_channel')}</th>
                  <th>{t('notices.console.receipt_signature')}</th>
                </tr>
              </thead>
              <tbody>
                {receipts.map(({ receipt, studentName }) => (
                  <tr>
                    <td>{studentName}</td>
                    <td>{receipt.relation ? t(`roster.relations.${receipt.relation}`) : ''}</td>
                    <td>{nameOf.get(receipt.classId) ?? ''}</td>
                    <td>
                      <code>{receipt.contentHash.slice(0, 8)}</code>
                      {receipt.supersededAt && (
                        <small class="muted"> ({t('notices.console.receipt_old')})</small>
                      )}
                    </td>
                    <td>{formatLocalTime(receipt.signedAt ?? receipt.confirmedAt, deps.config.TIME_ZONE)}</td>
                    <td>{t(`notices.console.channel_${receipt.channel}`)}</td>
                    <td>
                      {receipt.signaturePngKey && (
                        <img
                          class="signature"
                          alt={t('notices.console.receipt_signature')}
                          src={`/console/notices/${loaded.notice.id}/receipts/${receipt.id}/signature`}
                          height={48}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </NoticeLayout>
    );
  };

  routes.post('/:noticeId', async (c) => {
    const { loaded, response } = await noticeFor(c, canManageNotice);
    if (!loaded) return response;
    const actor = c.get('actor')!;
    const { result } = await readForm(c, loaded.notice.kind, actor);
    if (!result.ok) return c.html(await detailPage(c, loaded, result.errors), 400);
    if (!(await updateDraft(deps, loaded, result.draft)))
      return c.html(await detailPage(c, loaded, [c.get('t')('notices.console.not_draft')]), 409);
    return c.redirect(`/console/notices/${loaded.notice.id}`, 303);
  });

  routes.post('/:noticeId/send', async (c) => {
    const { loaded, response } = await noticeFor(c, canManageNotice);
    if (!loaded) return response;
    const form = await c.req.parseBody();
    const sent = await sendNotice(deps, c.get('actor')!, loaded, clientIp(c));
    if (!sent.ok) return c.html(await detailPage(c, loaded, [c.get('t')('notices.console.not_draft')]), 409);
    // "Send, then print the paper 明白卡": straight on to the list of families no channel reaches.
    const next = form.next === 'paper' ? '/paper' : '';
    return c.redirect(`/console/notices/${loaded.notice.id}${next}`, 303);
  });

  routes.post('/:noticeId/revise', async (c) => {
    const { loaded, response } = await noticeFor(c, canManageNotice);
    if (!loaded) return response;
    await startRevision(deps, c.get('actor')!, loaded);
    return c.redirect(`/console/notices/${loaded.notice.id}`, 303);
  });

  routes.get('/:noticeId/receipts/:receiptId/signature', async (c) => {
    const { loaded, response } = await noticeFor(c, canViewNotice);
    if (!loaded) return response;
    const actor = c.get('actor')!;
    const visible = visibleNoticeClasses(actor, loaded.scope);
    const [receipt] = await deps.database.db
      .select()
      .from(noticeReceipts)
      .where(
        and(eq(noticeReceipts.id, c.req.param('receiptId')), eq(noticeReceipts.noticeId, loaded.notice.id)),
      )
      .limit(1);
    if (!receipt || !visible.includes(receipt.classId)) return notFound(c);
    const key = c.req.query('format') === 'svg' ? receipt.signatureSvgKey : receipt.signaturePngKey;
    const blob = key ? await deps.blobs.get(key) : null;
    if (!blob) return notFound(c);
    await audit(deps, {
      actorType: 'staff',
      actorId: actor.id,
      action: 'notice.signature.view',
      targetType: 'notice_receipt',
      targetId: receipt.id,
      schoolId: receipt.schoolId,
      ip: clientIp(c),
    });
    return c.body(blob.bytes, 200, {
      'content-type': blob.contentType,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    });
  });

  return routes;
}
