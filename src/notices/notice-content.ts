import * as z from 'zod';

// What a notice says, as data. The same JSON is stored in notice_versions.content, hashed when the version is
// sent (see content-hash.ts), rendered on the guardian's page and compared between versions ("what changed").

const line = z.string().trim().min(1).max(500);
const paragraph = z.string().trim().min(1).max(4000);

/** One programme on a 资助政策明白卡: who it is for, how much, whether to apply, how it is paid. */
export const programmeRowSchema = z
  .object({
    programmeId: z.string().max(100).optional(),
    name: line,
    /** 资助对象 */
    target: paragraph,
    /** 资助标准, e.g. "每生每年 1000 元" */
    standard: line,
    /** 是否需要申请 */
    application: z.enum(['required', 'not_required']),
    /** 发放方式, e.g. "直接减免" or "打入学生资助卡" */
    payment: line,
  })
  .strict();
export type ProgrammeRow = z.infer<typeof programmeRowSchema>;

/** One line of a 资助资金告知书: which programme paid how much, and when. */
export const fundingRowSchema = z
  .object({
    programme: line,
    /** Yuan, as the school writes it ("1250" or "625.50"). */
    amount: z
      .string()
      .trim()
      .regex(/^\d{1,7}(\.\d{1,2})?$/),
    /** YYYY-MM-DD, or empty when not paid yet. */
    paidOn: z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/)]),
  })
  .strict();
export type FundingRow = z.infer<typeof fundingRowSchema>;

/** A comprehension question ("这项补助需要交钱吗?") with 2–4 answers, one of them right. */
export const checkQuestionSchema = z
  .object({
    question: line,
    options: z.array(line).min(2).max(4),
    answer: z.number().int().min(0).max(3),
    /** Shown after a wrong answer, so the guardian learns rather than guesses. */
    explanation: z.string().trim().max(500).optional(),
  })
  .strict()
  .refine((question) => question.answer < question.options.length, {
    message: 'the right answer must be one of the options',
  });
export type CheckQuestion = z.infer<typeof checkQuestionSchema>;

export const noticeContentSchema = z
  .object({
    /** The notice's opening text (free text notices are only this). */
    body: z.string().trim().max(8000),
    /** 明白卡: the programmes of one school stage, generated from the policy catalogue, editable before sending. */
    stage: z.string().max(40).optional(),
    programmes: z.array(programmeRowSchema).max(30).default([]),
    /** 告知书: each student's rows, by student id (a guardian sees only their child's). */
    studentRows: z.record(z.string().max(64), z.array(fundingRowSchema).max(20)).default({}),
    deadline: z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/)]).default(''),
    /** 资助不收取任何费用… */
    antiFraud: line,
    /** 咨询电话 and 举报电话 */
    consultPhone: z.string().trim().min(3).max(60),
    reportPhone: z.string().trim().max(60).default(''),
    check: z.array(checkQuestionSchema).max(3).default([]),
  })
  .strict();
export type NoticeContent = z.infer<typeof noticeContentSchema>;

export const audienceSchema = z.discriminatedUnion('scope', [
  z.object({ scope: z.literal('school') }).strict(),
  z
    .object({ scope: z.literal('grades'), grades: z.array(z.number().int().min(0).max(12)).min(1).max(13) })
    .strict(),
  z.object({ scope: z.literal('classes'), classIds: z.array(z.string().max(64)).min(1).max(200) }).strict(),
]);
export type Audience = z.infer<typeof audienceSchema>;

export type NoticeKind = 'policy_card' | 'funding_notice' | 'free_text';
export type Confirmation = 'read' | 'confirm' | 'sign';
