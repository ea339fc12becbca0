import { z } from 'zod';
import { LOCALES } from './i18n/index.js';

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
export const configSchema = z.object({
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
  /** Outbox rows a delivery job takes per page (each page is one atomic write). */
  DELIVERY_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(500),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

export type AppConfig = z.infer<typeof configSchema>;

/** Parses config, reporting every problem at once so a deployment fails fast with a readable message. */
export function loadConfig(source: Record<string, unknown>): AppConfig {
  const result = configSchema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues
    .map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
    .join('\n');
  throw new Error(`Invalid configuration:\n${problems}`);
}
