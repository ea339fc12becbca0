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
  SEED_DEMO: flag.default(true),
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
