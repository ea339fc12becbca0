import { join } from 'node:path';
import { type AppConfig, loadConfig } from '../../src/config.js';
import { handleJob } from '../../src/jobs/handle-job.js';
import { createLogger } from '../../src/platform/logger.js';
import { createFileBlobStore } from '../../src/platform/node/file-blob-store.js';
import { createJobWorker } from '../../src/platform/node/job-worker.js';
import { nodeReadBody } from '../../src/platform/node/node-read-body.js';
import { nodeRequestInfo } from '../../src/platform/node/node-request-info.js';
import { openSqliteDatabase } from '../../src/platform/node/sqlite-database.js';
import { verifyHmacSha256 } from '../../src/platform/node/verify-hmac-sha256.js';
import type { AppDeps, Clock } from '../../src/platform/ports.js';
import { makeTempDir } from './temp-dir.js';

/** The Node entry makes its own and keeps it in DATA_DIR; in-process tests use this one. */
export const TEST_BINDING_CODE_SECRET = 'test-only-binding-code-secret-0123456789';

/** A clock the test moves by hand (a real implementation of the Clock port, not a mock). */
export function manualClock(
  start = Date.parse('2026-09-01T08:00:00Z'),
): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
  };
}

/** Real Node deps on a temporary SQLite file and blob folder. */
export function makeTestDeps(
  overrides: Partial<Record<keyof AppConfig, string>> = {},
  /** In-process requests have no socket: tests play a deployment behind a proxy that sets X-Forwarded-For. */
  { trustProxy = true }: { trustProxy?: boolean } = {},
) {
  const dir = makeTempDir('unit');
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    BINDING_CODE_SECRET: TEST_BINDING_CODE_SECRET,
    ...overrides,
  });
  const logger = createLogger(config.LOG_LEVEL);
  const database = openSqliteDatabase(join(dir.path, 'test.db'));
  const clock = manualClock();
  const deps: AppDeps = {
    config,
    database,
    blobs: createFileBlobStore(join(dir.path, 'blobs')),
    clock,
    logger,
    queue: { dispatch: async () => {} },
    hmac: verifyHmacSha256,
    readBody: nodeReadBody,
    requestInfo: nodeRequestInfo(trustProxy ? { kind: 'hops', hops: 1 } : { kind: 'none' }),
  };
  // The real job worker, not started: tests run due jobs with queue.drain(), by the manual clock.
  const queue = createJobWorker({ deps, handle: (job, context) => handleJob(deps, job, context) });
  deps.queue = queue;
  return {
    deps,
    clock,
    queue,
    dbPath: join(dir.path, 'test.db'),
    close() {
      database.close();
      dir.remove();
    },
  };
}
