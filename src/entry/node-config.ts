import { z } from 'zod';
import { proxyTrustSchema } from '../http/proxy-trust.js';

/** Settings only the Node entry has: where the embedded database and blobs live, and the port. */
export const nodeConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_PATH: z.string().optional(),
  BLOB_DIR: z.string().optional(),
  SCHEDULER_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(3600),
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).default(20),
  /** Believe a reverse proxy's headers (see src/http/proxy-trust.ts): only behind a proxy that sets them itself. */
  TRUST_PROXY: proxyTrustSchema.default({ kind: 'none' }),
});
