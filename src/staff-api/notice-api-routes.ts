import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { audit } from '../audit/audit-log.js';
import {
  canManageNotice,
  canRemindNotice,
  canViewNotice,
  canWriteNotices,
  visibleNoticeClasses,
} from '../auth/permissions.js';
import { tableFile, XLSX_TYPE } from '../export/index.js';
import { ApiError } from '../http/api-error.js';
import { clientIp } from '../http/client-ip.js';
import { translatorFor } from '../i18n/index.js';
import {
  archivedReceipts,
  audienceClasses,
  createNotice,
  listNotices,
  loadNotice,
  type NoticeProgress,
  noticeDashboard,
  rate,
  receiptTable,
  requestReminder,
  sendNotice,
} from '../notices/index.js';
import {
  errorResponse,
  fileResponse,
  jsonBody,
  jsonResponse,
  operation,
  pathParams,
} from '../openapi/index.js';
import type { AppDeps } from '../platform/ports.js';
import {
  CreatedNoticeSchema,
  CreateNoticeRequestSchema,
  NoticeIdParamsSchema,
  NoticeListSchema,
  NoticeStatsSchema,
  ReceiptListSchema,
  ReminderRequestedSchema,
  RemindRequestSchema,
  SentNoticeSchema,
} from './notice-api-schemas.js';
import type { StaffApiEnv } from './staff-api-auth.js';

const tags = ['staff: notices'];
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const noticeNotFound = () => new ApiError(404, 'notice_not_found', 'No such notice.');
const forbidden = () => new ApiError(403, 'forbidden', 'Your role may not do this with this notice.');
const notFound = { '404': errorResponse('notice_not_found') };

function progressView(progress: NoticeProgress) {
  const step = (count: number) => ({ count, rate: rate(count, progress.total) });
  return {
    families: progress.total,
    delivered: step(progress.delivered),
    read: step(progress.read),
    understood: step(progress.understood),
    signed: step(progress.signed),
    noChannel: progress.noChannel,
    failed: progress.failed,
    queued: progress.queued,
  };
}

/** /api/staff/notices…: the console's notice actions for programs, with the console's permission functions. */
export function noticeApiRoutes(deps: AppDeps) {
  const api = new Hono<StaffApiEnv>();
  const notice = pathParams(NoticeIdParamsSchema, noticeNotFound);

  /** The notice, when this token's owner may see it (404 otherwise, whether or not it exists elsewhere). */
  const viewable = async (c: Context<StaffApiEnv>, noticeId: string) => {
    const loaded = await loadNotice(deps, noticeId);
    if (!loaded || !canViewNotice(c.get('staffActor'), loaded.scope)) throw noticeNotFound();
    return loaded;
  };

  api.get(
    '/notices',
    operation({
      summary: 'The notices this token may see, newest first',
      tags,
      responses: { '200': jsonResponse('Notices with their newest version', NoticeListSchema) },
    }),
    async (c) => {
      const actor = c.get('staffActor');
      const rows = await listNotices(deps, actor);
      const visible = [];
      for (const row of rows) {
        const classIds = (await audienceClasses(deps, row.notice.schoolId, row.audience)).map(
          (each) => each.id,
        );
        const districtId = actor.districtId ?? '';
        if (!canViewNotice(actor, { schoolId: row.notice.schoolId, districtId, classIds })) continue;
        visible.push({
          id: row.notice.id,
          schoolId: row.notice.schoolId,
          schoolName: row.schoolName,
          kind: row.notice.kind,
          title: row.current.title,
          version: row.current.version,
          status: row.current.status,
          contentHash: row.current.contentHash,
          sentAt: iso(row.current.sentAt),
        });
      }
      return c.json({ notices: visible });
    },
  );

  api.post(
    '/notices',
    operation({
      summary: 'Writes a notice (a draft; send it with …/send)',
      tags,
      responses: {
        '201': jsonResponse('The new notice and its draft version', CreatedNoticeSchema),
        '400': errorResponse('invalid_json, invalid_body, or invalid_audience (a class you may not send to)'),
        '413': errorResponse('body_too_large (over 64 KB)'),
      },
    }),
    bodyLimit({
      maxSize: 64 * 1024,
      onError: () => {
        throw new ApiError(413, 'body_too_large', 'The request body is larger than 64 KB.');
      },
    }),
    jsonBody(CreateNoticeRequestSchema),
    async (c) => {
      const actor = c.get('staffActor');
      if (!canWriteNotices(actor) || !actor.schoolId) throw forbidden();
      const body = c.req.valid('json');
      const classes = await audienceClasses(deps, actor.schoolId, body.audience);
      const allowed =
        classes.length > 0 &&
        (actor.role === 'school_officer' ||
          (body.audience.scope === 'classes' && classes.every((each) => actor.classIds.includes(each.id))));
      if (!allowed) {
        throw new ApiError(
          400,
          'invalid_audience',
          'The audience has no class of your school that you may send to.',
        );
      }
      const created = await createNotice(deps, actor, body, clientIp(c));
      return c.json({ id: created.noticeId, versionId: created.versionId }, 201);
    },
  );

  api.post(
    '/notices/:noticeId/send',
    operation({
      summary: 'Sends the draft version to its audience (once: a sent version never changes)',
      tags,
      responses: {
        '200': jsonResponse('Sending has started; follow it with …/stats', SentNoticeSchema),
        '409': errorResponse('not_draft: this version was sent already'),
        ...notFound,
      },
    }),
    notice,
    async (c) => {
      const loaded = await viewable(c, c.req.valid('param').noticeId);
      if (!canManageNotice(c.get('staffActor'), loaded.scope)) throw forbidden();
      const sent = await sendNotice(deps, c.get('staffActor'), loaded, clientIp(c));
      if (!sent.ok)
        throw new ApiError(409, 'not_draft', 'This version was sent already; revise it in the console.');
      return c.json({ versionId: sent.versionId, contentHash: sent.contentHash });
    },
  );

  api.get(
    '/notices/:noticeId/stats',
    operation({
      summary: '知晓率 of the sent version: delivered, read, understood, signed by class, grade and school',
      tags,
      responses: {
        '200': jsonResponse('Counts and rates (of the classes this token may see)', NoticeStatsSchema),
        '409': errorResponse('not_sent: the notice has not been sent yet'),
        ...notFound,
      },
    }),
    notice,
    async (c) => {
      const loaded = await viewable(c, c.req.valid('param').noticeId);
      const dashboard = await noticeDashboard(deps, c.get('staffActor'), loaded, String);
      const version = loaded.lastSent;
      if (!dashboard || !version) throw new ApiError(409, 'not_sent', 'The notice has not been sent yet.');
      return c.json({
        noticeId: loaded.notice.id,
        versionId: version.id,
        version: version.version,
        contentHash: version.contentHash,
        sending: dashboard.sending,
        school: progressView(dashboard.school.progress),
        grades: dashboard.grades.map((row) => ({
          grade: Number(row.key),
          progress: progressView(row.progress),
        })),
        classes: dashboard.classes.map((row) => ({
          classId: row.key,
          name: row.label,
          grade: row.grade,
          progress: progressView(row.progress),
        })),
      });
    },
  );

  const receiptsAudit = async (
    c: Context<StaffApiEnv>,
    noticeId: string,
    schoolId: string,
    format: string,
    rows: number,
  ) =>
    audit(deps, {
      actorType: 'staff',
      actorId: c.get('staffActor').id,
      action: 'notice.receipts.export',
      targetType: 'notice',
      targetId: noticeId,
      schoolId,
      details: { format, rows, via: 'api', tokenId: c.get('apiTokenId') },
      ip: clientIp(c),
    });

  api.get(
    '/notices/:noticeId/receipts',
    operation({
      summary: 'Every receipt of the notice (all versions), in the classes this token may see',
      tags,
      responses: {
        '200': jsonResponse('Receipts, by class and student number', ReceiptListSchema),
        ...notFound,
      },
    }),
    notice,
    async (c) => {
      const loaded = await viewable(c, c.req.valid('param').noticeId);
      const rows = await archivedReceipts(deps, c.get('staffActor'), loaded, { allVersions: true });
      await receiptsAudit(c, loaded.notice.id, loaded.notice.schoolId, 'json', rows.length);
      return c.json({
        receipts: rows.map(({ receipt, studentName, studentNumber, className, version }) => ({
          id: receipt.id,
          versionId: receipt.versionId,
          version,
          contentHash: receipt.contentHash,
          classId: receipt.classId,
          className,
          studentNumber,
          studentName,
          relation: receipt.relation,
          channel: receipt.channel,
          confirmedAt: new Date(receipt.confirmedAt).toISOString(),
          signedAt: iso(receipt.signedAt),
          superseded: receipt.supersededAt !== null,
        })),
      });
    },
  );

  for (const format of ['csv', 'xlsx'] as const) {
    api.get(
      `/notices/:noticeId/receipts.${format}`,
      operation({
        summary: `The receipts as ${format.toUpperCase()} for the school's 档案 (zh-CN headers)`,
        tags,
        responses: {
          '200': fileResponse('One row per receipt', [format === 'csv' ? 'text/csv' : XLSX_TYPE]),
          ...notFound,
        },
      }),
      notice,
      async (c) => {
        const loaded = await viewable(c, c.req.valid('param').noticeId);
        const rows = await archivedReceipts(deps, c.get('staffActor'), loaded, { allVersions: true });
        await receiptsAudit(c, loaded.notice.id, loaded.notice.schoolId, format, rows.length);
        const t = translatorFor(deps.config.DEFAULT_LOCALE);
        const table = receiptTable(t, rows, loaded.schoolName, deps.config.TIME_ZONE);
        const file = tableFile(format, t('noticeArchive.sheet'), table);
        return c.body(file.bytes, 200, {
          'content-type': file.contentType,
          'content-disposition': `attachment; filename="receipts-${loaded.notice.id}.${format}"`,
        });
      },
    );
  }

  api.post(
    '/notices/:noticeId/reminders',
    operation({
      summary:
        'Reminds the families who have not confirmed (now, or when quiet hours end; capped per family)',
      tags,
      responses: {
        '202': jsonResponse('The reminder round and when it goes', ReminderRequestedSchema),
        '409': errorResponse('not_sent'),
        ...notFound,
      },
    }),
    notice,
    jsonBody(RemindRequestSchema, { required: false }),
    async (c) => {
      const actor = c.get('staffActor');
      const loaded = await viewable(c, c.req.valid('param').noticeId);
      if (!canRemindNotice(actor, loaded.scope)) throw forbidden();
      if (!loaded.lastSent) throw new ApiError(409, 'not_sent', 'The notice has not been sent yet.');
      const mine = visibleNoticeClasses(actor, loaded.scope).filter(
        (id) => actor.role === 'school_officer' || actor.classIds.includes(id),
      );
      const { classId } = c.req.valid('json');
      if (classId && !mine.includes(classId)) throw forbidden();
      const { roundId, runAt } = await requestReminder(
        deps,
        {
          noticeId: loaded.notice.id,
          versionId: loaded.lastSent.id,
          schoolId: loaded.notice.schoolId,
          classIds: classId ? [classId] : mine,
        },
        { actor, ip: clientIp(c) },
      );
      return c.json({ roundId, runAt: new Date(runAt).toISOString() }, 202);
    },
  );

  return api;
}
