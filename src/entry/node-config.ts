import { join } from 'node:path';
import * as z from 'zod';
import { type AppConfig, configSchema, formatConfigProblems } from '../config.js';
import { proxyTrustSchema } from '../http/proxy-trust.js';
import { loadOrCreateSecret } from '../platform/node/persistent-secret.js';

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
  /** Believe a reverse proxy's headers (see src/http/proxy-trust.ts): only behind a proxy that sets them itself. */
  TRUST_PROXY: proxyTrustSchema.default({ kind: 'none' }),
});

export type NodeConfig = z.infer<typeof nodeConfigSchema>;

/**
 * Both halves of the configuration, or a readable list of every bad setting and exit code 1: a bad value
 * stops the process before it listens, so a supervisor or a deploy sees it at once.
 */
export function readConfiguration(env: Record<string, string | undefined>): {
  config: AppConfig;
  nodeConfig: NodeConfig;
} {
  const shared = configSchema.safeParse(env);
  const local = nodeConfigSchema.safeParse(env);
  if (!shared.success || !local.success) {
    const issues = [...(shared.error?.issues ?? []), ...(local.error?.issues ?? [])];
    process.stderr.write(`Mingbai cannot start. ${formatConfigProblems(issues)}\n`);
    process.exit(1);
  }
  const nodeConfig = local.data;
  const config = {
    ...shared.data,
    BINDING_CODE_SECRET:
      shared.data.BINDING_CODE_SECRET ?? loadOrCreateSecret(join(nodeConfig.DATA_DIR, 'binding-code.secret')),
  };
  return { config, nodeConfig };
}
