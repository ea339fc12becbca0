import { z } from 'zod';

/** Settings only the Node entry has: where the embedded database and blobs live, and the port. */
export const nodeConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_PATH: z.string().optional(),
  BLOB_DIR: z.string().optional(),
  SCHEDULER_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(3600),
  /** A client must send its request headers within this time… */
  HEADERS_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(300).default(15),
  /** …and its whole request within this one (an 8 MB photo over a slow phone link takes a while). */
  REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).default(20),
  /** Believe X-Forwarded-For/-Proto/-Host: only behind a reverse proxy that sets them itself. */
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((value) => value === 'true' || value === '1'),
});
