import { z } from 'zod';
import { checkWechatConfig, wechatConfig } from './channels/wechat-oa/wechat-config.js';
import { LOCALES } from './i18n/index.js';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** Everything a deployment can set, read from environment variables (Node) or wrangler vars/secrets (Workers). */
export const configSchema = z
  .object({
    DEFAULT_LOCALE: z.enum(LOCALES).default('zh-CN'),
    IDLE_TIMEOUT_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(30),
    MAX_UPLOAD_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(20 * 1024 * 1024)
      .default(8 * 1024 * 1024),
    CHAT_HISTORY_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
    /** Photos one chat may send in an hour, and photos from one address (a village or school network) in an hour. */
    CHAT_UPLOADS_PER_CONVERSATION_HOUR: z.coerce.number().int().min(1).max(1000).default(10),
    CHAT_UPLOADS_PER_ADDRESS_HOUR: z.coerce.number().int().min(1).max(100_000).default(60),
    /** A chat photo no inquiry or application refers to is deleted this long after it was sent. */
    UNREFERENCED_PHOTO_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 365)
      .default(48),
    /** A roster file (names, phones) whose preview was never confirmed is deleted after this long… */
    ROSTER_PREVIEW_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 365)
      .default(24),
    /** …and an imported one after this many days (the import's summary and audit rows stay). */
    ROSTER_FILE_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    /** The county 资助中心 phone shown on every policy answer. Never 12309 (that is the procuratorate's line). */
    AID_HOTLINE: z
      .string()
      .min(3)
      .refine((value) => !value.includes('12309'), '12309 is not a student-aid line')
      .default('0000-0000000（演示号码）'),
    /** The policy catalogue answers use unless a request names another (a shipped or an uploaded one). */
    DEFAULT_CATALOG: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/, 'a catalogue id such as cn-national')
      .default('cn-national'),
    /**
     * Key for the HMAC binding codes are stored under. Workers: `wrangler secret put BINDING_CODE_SECRET`
     * (required). Node: generated once and kept in $DATA_DIR/binding-code.secret when not set.
     */
    BINDING_CODE_SECRET: z.string().min(32, 'at least 32 characters').optional(),
    BINDING_CODE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    STAFF_SESSION_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(12),
    SEED_DEMO: flag.default(true),
    /**
     * The one-time token first-run setup asks for (/console/setup, only while no staff account exists).
     * Workers: `wrangler secret put SETUP_TOKEN`. Node: when unset, a random one is printed once in the log.
     */
    SETUP_TOKEN: z.string().trim().min(16, 'at least 16 characters').max(200).optional(),
    /**
     * The address parents reach Mingbai at (https://mingbai.example.edu.cn), printed on binding slips and in
     * their QR codes. Never taken from a request: a teacher's browser may be on 127.0.0.1 or an intranet name.
     */
    PUBLIC_URL: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z
        .url({ protocol: /^https?$/, error: 'a full http(s) address such as https://mingbai.example.edu.cn' })
        .transform((value) => value.replace(/\/+$/, ''))
        .optional(),
    ),
    /** The time zone staff read times in (audit log, inbox), an IANA name. */
    TIME_ZONE: z
      .string()
      .refine(isTimeZone, 'an IANA time zone such as Asia/Shanghai')
      .default('Asia/Shanghai'),
    /** Outbox rows a delivery job takes per page (each page is one atomic write). */
    DELIVERY_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(500),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
    ...wechatConfig,
  })
  .superRefine(checkWechatConfig);

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export type AppConfig = z.infer<typeof configSchema>;

/** Parses config, reporting every problem at once so a deployment fails fast with a readable message. */
export function loadConfig(source: Record<string, unknown>): AppConfig {
  const result = configSchema.safeParse(source);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues);
}

interface ConfigIssue {
  path: PropertyKey[];
  message: string;
}

/** A bad deployment setting; `settings` names them (e.g. AID_HOTLINE), the message says what is wrong. */
export class ConfigError extends Error {
  readonly settings: string[];
  constructor(issues: readonly ConfigIssue[]) {
    super(formatConfigProblems(issues));
    this.name = 'ConfigError';
    this.settings = [...new Set(issues.map((issue) => issue.path.map(String).join('.')))];
  }
}

export function formatConfigProblems(issues: readonly ConfigIssue[]): string {
  const problems = issues
    .map((issue) => `  ${issue.path.map(String).join('.')}: ${issue.message}`)
    .join('\n');
  return `Invalid configuration:\n${problems}`;
}
