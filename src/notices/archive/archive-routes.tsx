import { and, eq } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { raw } from 'hono/html';
import { audit } from '../../audit/audit-log.js';
import { canViewNotice, visibleNoticeClasses } from '../../auth/permissions.js';
import type { ConsoleEnv } from '../../console/console-env.js';
import { forbidden, notFound } from '../../console/denied-page.js';
import { Layout } from '../../console/layout.js';
import { noticeReceipts } from '../../db/schema.js';
import { tableFile } from '../../export/index.js';
import { clientIp } from '../../http/client-ip.js';
import type { AppDeps } from '../../platform/ports.js';
import { base64Url } from '../../util/ids.js';
import { formatLocalTime } from '../../util/local-time.js';
import { loadNotice } from '../notice-store.js';
import { ARCHIVE_STYLE } from './archive-style.js';
import { type ArchivedReceipt, archivedReceipts } from './archived-receipts.js';

/** Cards per archive page: enough for a school's class, small enough to print in one go. */
const PAGE_SIZE = 200;

function dataUrl(bytes: Uint8Array, contentType: string): string {
  const base64 = base64Url(bytes).replace(/-/g, '+').replace(/_/g, '/');
  return `data:${contentType};base64,${base64}${'='.repeat((4 - (base64.length % 4)) % 4)}`;
}

/** /console/notices/:noticeId/archive (printable receipt cards), receipts.csv / .xlsx, and paper slip photos. */
export function noticeArchiveRoutes(deps: AppDeps) {
  const routes = new Hono<ConsoleEnv>();

  const noticeFor = async (c: Context<ConsoleEnv>) => {
    const loaded = await loadNotice(deps, c.req.param('noticeId') ?? '');
    if (!loaded) return { response: notFound(c) };
    const actor = c.get('actor')!;
    if (!canViewNotice(actor, loaded.scope)) return { response: forbidden(c) };
    const classId = c.req.query('classId') || undefined;
    if (classId && !visibleNoticeClasses(actor, loaded.scope).includes(classId))
      return { response: forbidden(c) };
    return { loaded, classId };
  };

  routes.get('/:noticeId/archive', async (c) => {
    const { loaded, classId, response } = await noticeFor(c);
    if (!loaded) return response;
    const t = c.get('t');
    const actor = c.get('actor')!;
    const layout = c.req.query('layout') === 'one' ? 'one' : 'two';
    const page = Math.max(0, Number.parseInt(c.req.query('page') ?? '0', 10) || 0);
    const all = await archivedReceipts(deps, actor, loaded, { classId });
    const shown = all.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
    // The proof itself, inlined so the printed page never depends on another request.
    const images = new Map<string, string>();
    for (const { receipt } of shown) {
      // The SVG is drawn on the server from the strokes (sharp at any print size); the PNG is the page's copy.
      const key = receipt.signatureSvgKey ?? receipt.signaturePngKey ?? receipt.paperPhotoKey;
      const blob = key ? await deps.blobs.get(key) : null;
      if (blob) images.set(receipt.id, dataUrl(blob.bytes, blob.contentType));
    }
    await audit(deps, {
      actorType: 'staff',
      actorId: actor.id,
      action: 'notice.archive.view',
      targetType: 'notice',
      targetId: loaded.notice.id,
      schoolId: loaded.notice.schoolId,
      details: { classId: classId ?? null, cards: shown.length, page },
      ip: clientIp(c),
    });
    const zone = deps.config.TIME_ZONE;
    const base = `/console/notices/${loaded.notice.id}`;
    const query = (changes: Record<string, string>) =>
      `?${new URLSearchParams({ layout, ...(classId ? { classId } : {}), ...changes }).toString()}`;
    return c.html(
      <Layout
        t={t}
        locale={c.get('locale')}
        inboxUnread={c.get('inboxUnread')}
        actor={actor}
        title={t('noticeArchive.title', { title: loaded.lastSent?.title ?? loaded.current.title })}
      >
        <style>{raw(ARCHIVE_STYLE)}</style>
        <div class="no-print actions">
          <button type="button" onclick="window.print()">
            {t('noticeArchive.print')}
          </button>
          <a href={query({ layout: 'two' })}>{t('noticeArchive.layout_two')}</a>
          <a href={query({ layout: 'one' })}>{t('noticeArchive.layout_one')}</a>
          <a href={`${base}/receipts.xlsx`}>{t('noticeArchive.export_xlsx')}</a>
          <a href={`${base}/receipts.csv`}>{t('noticeArchive.export_csv')}</a>
          <a href={`${base}/dashboard`}>{t('noticeDashboard.back_dashboard')}</a>
        </div>
        <p class="muted no-print">
          {t('noticeArchive.count', { count: all.length })}
          {all.length > PAGE_SIZE &&
            ` · ${t('noticeArchive.page', { page: page + 1, pages: Math.ceil(all.length / PAGE_SIZE) })}`}
        </p>
        {all.length === 0 && <p class="muted">{t('noticeArchive.none')}</p>}
        <div class={`cards ${layout}`}>
          {shown.map((row) => (
            <ReceiptCard
              t={t}
              row={row}
              schoolName={loaded.schoolName}
              image={images.get(row.receipt.id)}
              zone={zone}
            />
          ))}
        </div>
        {all.length > (page + 1) * PAGE_SIZE && (
          <p class="no-print">
            <a href={query({ page: String(page + 1) })}>{t('noticeArchive.next')}</a>
          </p>
        )}
      </Layout>,
    );
  });

  for (const format of ['csv', 'xlsx'] as const) {
    routes.get(`/:noticeId/receipts.${format}`, async (c) => {
      const { loaded, classId, response } = await noticeFor(c);
      if (!loaded) return response;
      const t = c.get('t');
      const actor = c.get('actor')!;
      const rows = await archivedReceipts(deps, actor, loaded, { classId, allVersions: true });
      await audit(deps, {
        actorType: 'staff',
        actorId: actor.id,
        action: 'notice.receipts.export',
        targetType: 'notice',
        targetId: loaded.notice.id,
        schoolId: loaded.notice.schoolId,
        details: { format, rows: rows.length },
        ip: clientIp(c),
      });
      const file = tableFile(
        format,
        t('noticeArchive.sheet'),
        receiptTable(t, rows, loaded.schoolName, deps.config.TIME_ZONE),
      );
      return c.body(file.bytes, 200, {
        'content-type': file.contentType,
        'content-disposition': `attachment; filename="receipts-${loaded.notice.id}.${format}"`,
        'cache-control': 'private, no-store',
      });
    });
  }

  // The photo of a signed paper slip (children's names and a signature: every look is logged).
  routes.get('/:noticeId/paper-photos/:receiptId', async (c) => {
    const { loaded, response } = await noticeFor(c);
    if (!loaded) return response;
    const actor = c.get('actor')!;
    const [receipt] = await deps.database.db
      .select()
      .from(noticeReceipts)
      .where(
        and(eq(noticeReceipts.id, c.req.param('receiptId')), eq(noticeReceipts.noticeId, loaded.notice.id)),
      );
    if (!receipt?.paperPhotoKey || !visibleNoticeClasses(actor, loaded.scope).includes(receipt.classId))
      return notFound(c);
    const blob = await deps.blobs.get(receipt.paperPhotoKey);
    if (!blob) return notFound(c);
    await audit(deps, {
      actorType: 'staff',
      actorId: actor.id,
      action: 'notice.paper_photo.view',
      targetType: 'notice_receipt',
      targetId: receipt.id,
      schoolId: receipt.schoolId,
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

/** The export for the school's 档案 (headers first): one row per receipt, every version (older ones marked). No phone or ID numbers. */
export function receiptTable(
  t: (key: string, params?: Record<string, string | number>) => string,
  rows: readonly ArchivedReceipt[],
  schoolName: string,
  zone: string,
) {
  return [
    [
      t('console.classes.school'),
      t('console.classes.class'),
      t('console.class.number'),
      t('console.class.student'),
      t('notices.console.receipt_guardian'),
      t('noticeArchive.notice'),
      t('noticeArchive.version'),
      t('notices.console.hash'),
      t('noticeArchive.confirmed_at'),
      t('noticeArchive.signed_at'),
      t('notices.console.receipt_channel'),
      t('noticeArchive.current'),
      t('noticeArchive.receipt_id'),
    ],
    ...rows.map(({ receipt, studentName, studentNumber, className, title, version }) => [
      schoolName,
      className,
      studentNumber,
      studentName,
      receipt.relation ? t(`roster.relations.${receipt.relation}`) : '',
      title,
      version,
      receipt.contentHash,
      formatLocalTime(receipt.confirmedAt, zone),
      receipt.signedAt ? formatLocalTime(receipt.signedAt, zone) : '',
      t(`notices.console.channel_${receipt.channel}`),
      receipt.supersededAt ? t('noticeArchive.old') : t('noticeArchive.yes'),
      receipt.id,
    ]),
  ];
}

function ReceiptCard({
  t,
  row,
  schoolName,
  image,
  zone,
}: {
  t: (key: string, params?: Record<string, string | number>) => string;
  row: ArchivedReceipt;
  schoolName: string;
  image: string | undefined;
  zone: string;
}) {
  const { receipt } = row;
  return (
    <article class="rcard" data-receipt={receipt.id}>
      <h3>{t('noticeArchive.card_title')}</h3>
      <p class="school">{schoolName}</p>
      <p class="statement">{t('noticeArchive.statement', { title: row.title })}</p>
      <dl>
        <dt>{t('console.class.student')}</dt>
        <dd>
          {row.studentName}（{row.className} · {row.studentNumber}）
        </dd>
        <dt>{t('notices.console.receipt_guardian')}</dt>
        <dd>{receipt.relation ? t(`roster.relations.${receipt.relation}`) : '—'}</dd>
        <dt>{t('noticeArchive.notice')}</dt>
        <dd>
          {row.title} · {t('notices.console.version', { version: row.version })}
          {receipt.supersededAt && ` (${t('notices.console.receipt_old')})`}
        </dd>
        <dt>{t('noticeArchive.time')}</dt>
        <dd>{formatLocalTime(receipt.signedAt ?? receipt.confirmedAt, zone)}</dd>
        <dt>{t('notices.console.receipt_channel')}</dt>
        <dd>{t(`notices.console.channel_${receipt.channel}`)}</dd>
        <dt>{t('notices.console.hash')}</dt>
        <dd class="hash">{receipt.contentHash}</dd>
      </dl>
      <div class="sig">
        {image ? (
          <img
            src={image}
            alt={t(
              receipt.channel === 'paper' ? 'noticeArchive.paper_photo' : 'notices.console.receipt_signature',
            )}
          />
        ) : (
          <span class="muted">{t('noticeArchive.no_signature')}</span>
        )}
      </div>
      <footer>
        {t('noticeArchive.receipt_id')} {receipt.id}
      </footer>
    </article>
  );
}
