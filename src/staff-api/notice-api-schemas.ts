import * as z from 'zod';
import { LOCALES } from '../i18n/index.js';
import { audienceSchema, noticeContentSchema } from '../notices/index.js';

// The staff API's notice requests and answers, once (validation and /openapi.json).

export const NoticeIdParamsSchema = z.object({
  noticeId: z.string().min(1).max(64).describe('The notice id.'),
});

export const CreateNoticeRequestSchema = z
  .object({
    kind: z.enum(['policy_card', 'funding_notice', 'free_text']),
    title: z.string().trim().min(1).max(200),
    locale: z.enum(LOCALES).default('zh-CN').describe('The language the notice is written in.'),
    confirmation: z.enum(['read', 'confirm', 'sign']).describe('What the guardian is asked to do.'),
    audience: audienceSchema.describe(
      'The whole school, some grades, or some classes (a class teacher: own classes).',
    ),
    content: noticeContentSchema,
  })
  .strict()
  .meta({ id: 'CreateNoticeRequest' });

export const RemindRequestSchema = z
  .object({
    classId: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .describe('Only this class; every class you may remind otherwise.'),
  })
  .strict()
  .meta({ id: 'RemindRequest' });

export const NoticeSummarySchema = z
  .object({
    id: z.string(),
    schoolId: z.string(),
    schoolName: z.string(),
    kind: z.enum(['policy_card', 'funding_notice', 'free_text']),
    title: z.string(),
    version: z.number().int(),
    status: z.enum(['draft', 'sent']),
    contentHash: z.string().nullable(),
    sentAt: z.string().nullable(),
  })
  .meta({ id: 'NoticeSummary' });

export const NoticeListSchema = z
  .object({ notices: z.array(NoticeSummarySchema) })
  .meta({ id: 'NoticeList' });
export const CreatedNoticeSchema = z
  .object({ id: z.string(), versionId: z.string() })
  .meta({ id: 'CreatedNotice' });
export const SentNoticeSchema = z
  .object({
    versionId: z.string(),
    contentHash: z.string().describe('SHA-256 of the sent content; every receipt quotes it.'),
  })
  .meta({ id: 'SentNotice' });

const StepSchema = z.object({ count: z.number().int(), rate: z.number().describe('Percent, one decimal.') });
export const ProgressSchema = z
  .object({
    families: z.number().int(),
    delivered: StepSchema,
    read: StepSchema,
    understood: StepSchema,
    signed: StepSchema,
    noChannel: z.number().int().describe('Families no channel reaches (paper 明白卡).'),
    failed: z.number().int(),
    queued: z.number().int(),
  })
  .meta({ id: 'Progress' });

export const NoticeStatsSchema = z
  .object({
    noticeId: z.string(),
    versionId: z.string(),
    version: z.number().int(),
    contentHash: z.string().nullable(),
    sending: z.boolean().describe('The send is still running.'),
    school: ProgressSchema,
    grades: z.array(z.object({ grade: z.number().int(), progress: ProgressSchema })),
    classes: z.array(
      z.object({ classId: z.string(), name: z.string(), grade: z.number().int(), progress: ProgressSchema }),
    ),
  })
  .meta({ id: 'NoticeStats' });

export const ReceiptListSchema = z
  .object({
    receipts: z.array(
      z.object({
        id: z.string(),
        versionId: z.string(),
        version: z.number().int(),
        contentHash: z.string(),
        classId: z.string(),
        className: z.string(),
        studentNumber: z.string(),
        studentName: z.string(),
        relation: z.string().nullable(),
        channel: z.enum(['web', 'line', 'wechat', 'paper']),
        confirmedAt: z.string(),
        signedAt: z.string().nullable(),
        superseded: z.boolean().describe('For an older version of the notice.'),
      }),
    ),
  })
  .meta({ id: 'ReceiptList' });

export const ReminderRequestedSchema = z
  .object({ roundId: z.string(), runAt: z.string().describe('Now, or the end of quiet hours.') })
  .meta({ id: 'ReminderRequested' });
