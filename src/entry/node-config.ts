import { z } from 'zod';

/** Settings only the Node entry has: where the embedded database and blobs live, and the port. */
export const nodeConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_PATH: z.string().optional(),
  BLOB_DIR: z.string().optional(),
  SCHEDULER_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(3600),
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).default(20),
  /** Believe X-Forwarded-For/-Proto/-Host: only behind a reverse proxy that sets them itself. */
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((value) => value === 'true' || value === '1'),
});
