import * as z from 'zod';
import { checkWechatConfig, wechatConfig } from './channels/wechat-oa/wechat-config.js';
import { LOCALES } from './i18n/index.js';

/** An unset setting may also arrive as "" (an empty wrangler var, `FOO= npm start`). */
const unsetIfEmpty = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

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
    /**
     * Keys applicants' 身份证号 are encrypted with: `kid:base64,kid2:base64` (32 random bytes each, the first one
     * current; keep old ones listed until re-encrypted). Unset: one key derived from BINDING_CODE_SECRET.
     */
    RESIDENT_ID_KEYS: z
      .string()
      .regex(
        /^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/=]+(,[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/=]+)*$/,
        'kid:base64[,kid:base64…]',
      )
      .optional(),
    /** Working days a 公示 list stays up unless the school sets its own (at least 5: 教财〔2018〕16号). */
    PUBLICITY_WORKING_DAYS: z.coerce.number().int().min(5).max(30).default(5),
    /** How long a signed link to a document photo works for staff. */
    DOCUMENT_LINK_MINUTES: z.coerce.number().int().min(1).max(60).default(5),
    BINDING_CODE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    STAFF_SESSION_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(12),
    /** IANA time zone for the times staff and parents see, and for reminder quiet hours. */
    TIME_ZONE: z
      .string()
      .refine(isTimeZone, 'an IANA time zone such as Asia/Shanghai')
      .default('Asia/Shanghai'),
    /** Hours after a notice is sent at which families who have not confirmed are reminded, e.g. "24,72"; "" for none. */
    REMINDER_AFTER_HOURS: z
      .string()
      .default('24,72')
      .transform((value, ctx) => {
        const hours = value
          .split(',')
          .map((part) => part.trim())
          .filter((part) => part !== '')
          .map(Number);
        if (hours.some((hour) => !Number.isInteger(hour) || hour < 1 || hour > 24 * 60)) {
          ctx.addIssue({
            code: 'custom',
            message: 'whole hours between 1 and 1440, comma separated, e.g. 24,72',
          });
          return z.NEVER;
        }
        return [...new Set(hours)].sort((a, b) => a - b);
      }),
    /** No reminder is sent inside this local window (TIME_ZONE), e.g. 21:00-07:30; reminders due then wait. */
    QUIET_HOURS: z
      .string()
      .default('21:00-07:30')
      .transform((value, ctx) => {
        const match = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(value.trim());
        if (!match) {
          ctx.addIssue({ code: 'custom', message: 'HH:MM-HH:MM, e.g. 21:00-07:30' });
          return z.NEVER;
        }
        const [, h1, m1, h2, m2] = match.map(Number) as [number, number, number, number, number];
        return { startMinute: h1 * 60 + m1, endMinute: h2 * 60 + m2 };
      }),
    /** Most reminders one guardian gets for one notice (one-tap and scheduled together). */
    MAX_REMINDERS_PER_NOTICE: z.coerce.number().int().min(0).max(10).default(3),
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
    /** Outbox rows a delivery job takes per page (each page is one atomic write). */
    DELIVERY_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(500),
    /**
     * LINE Messaging API channel (src/channels/line/). Without the secret and the token /webhook/line answers 404
     * and nothing is sent on LINE. Workers: `wrangler secret put LINE_CHANNEL_SECRET` / `LINE_CHANNEL_ACCESS_TOKEN`.
     */
    LINE_CHANNEL_SECRET: unsetIfEmpty(z.string().min(8)),
    LINE_CHANNEL_ACCESS_TOKEN: unsetIfEmpty(z.string().min(8)),
    /** Where the LINE clients send requests: LINE itself, or the loopback simulator (tools/line-sim/). */
    LINE_API_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://api.line.me'),
    /** Message content (photos parents send) is served from a separate host. */
    LINE_DATA_API_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://api-data.line.me'),
    /** The LIFF app for signing receipts and adding photos, e.g. 1657000000-AbCdEfGh (its channel id comes first). */
    LINE_LIFF_ID: unsetIfEmpty(
      z.string().regex(/^\d{6,}-[A-Za-z0-9]+$/, 'a LIFF id such as 1657000000-AbCdEfGh'),
    ),
    /** The LIFF SDK the LIFF pages load (the simulator serves a stand-in for offline demos and tests). */
    LINE_LIFF_SDK_URL: z
      .url({ protocol: /^https?$/ })
      .default('https://static.line-scdn.net/liff/edge/2/sdk.js'),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
    // WeChat Official Account settings (src/channels/wechat-oa/wechat-config.ts): all or none.
    ...wechatConfig,
  })
  .superRefine(checkWechatConfig)
  .superRefine((config, ctx) => {
    // LINE shows only whole addresses: without PUBLIC_URL a notice card or the photo page would have no link.
    if (config.LINE_CHANNEL_SECRET !== undefined && config.PUBLIC_URL === undefined)
      ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: 'required by the LINE channel' });
  });

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
