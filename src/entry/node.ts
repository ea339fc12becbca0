import { join } from 'node:path';
import { createApp } from '../app.js';
import { seedDemoSchool } from '../demo/seed-demo-school.js';
import { handleJob } from '../jobs/handle-job.js';
import { runScheduledTasks } from '../jobs/scheduled-tasks.js';
import { createLogger } from '../platform/logger.js';
import { createBufferedStdout } from '../platform/node/buffered-stdout.js';
import { createFileBlobStore } from '../platform/node/file-blob-store.js';
import { createNodeServer } from '../platform/node/http-server.js';
import { createJobWorker } from '../platform/node/job-worker.js';
import { renderJsxWithoutAsyncContext } from '../platform/node/jsx-without-async-context.js';
import { nodeReadBody } from '../platform/node/node-read-body.js';
import { nodeRequestInfo } from '../platform/node/node-request-info.js';
import { openSqliteDatabase } from '../platform/node/sqlite-database.js';
import { verifyHmacSha256 } from '../platform/node/verify-hmac-sha256.js';
import { type AppDeps, systemClock } from '../platform/ports.js';
import { prepareSetupToken } from '../setup/index.js';
import { readConfiguration } from './node-config.js';

// The embedded default: one process, a SQLite file, blobs on disk, jobs in the database, timers in memory.
// `--no-demo` (or SEED_DEMO=false) starts with an empty database; `--wechaty-puppet=NAME` (or WECHATY_PUPPET)
// also starts a Wechaty bot.

// Before anything renders a page: promise hooks stay off (see jsx-without-async-context.ts).
renderJsxWithoutAsyncContext();

// `--line-sim` points LINE at the loopback simulator and opens a "phone" page showing one LINE user's chat.
const lineDemo = process.argv.includes('--line-sim')
  ? await (await import('../../tools/line-sim/line-demo.js')).startLineDemo({
      mingbaiUrl: `http://localhost:${process.env.PORT ?? 8787}`,
      log: (line) => process.stdout.write(`${line}\n`),
    })
  : null;
const puppetFlag = process.argv.find((arg) => arg.startsWith('--wechaty-puppet='))?.split('=')[1];
const env = {
  ...process.env,
  ...(process.argv.includes('--no-demo') ? { SEED_DEMO: 'false' } : {}),
  ...lineDemo?.env,
  ...(puppetFlag ? { WECHATY_PUPPET: puppetFlag } : {}),
};
const { config, nodeConfig } = readConfiguration(env);
const stdout = createBufferedStdout();
const logger = createLogger(config.LOG_LEVEL, { service: 'mingbai', runtime: 'node' }, stdout.write);

const database = openSqliteDatabase(nodeConfig.DATABASE_PATH ?? join(nodeConfig.DATA_DIR, 'mingbai.db'));
const deps: AppDeps = {
  config,
  database,
  blobs: createFileBlobStore(nodeConfig.BLOB_DIR ?? join(nodeConfig.DATA_DIR, 'blobs')),
  clock: systemClock,
  logger,
  requestInfo: nodeRequestInfo(nodeConfig.TRUST_PROXY),
  readBody: nodeReadBody,
  queue: { dispatch: async () => {} },
  hmac: verifyHmacSha256,
};
// Jobs are rows in the database file: they survive kill -9 and restarts, and run again after a crash.
const queue = createJobWorker({ deps, handle: (job, context) => handleJob(deps, job, context) });
deps.queue = queue;
await queue.start();

if (config.SEED_DEMO) await seedDemoSchool(deps);
// On an empty database without SETUP_TOKEN, a one-time token for /console/setup is printed here.
const setupToken = await prepareSetupToken(deps, `http://localhost:${nodeConfig.PORT}/console/setup`);
deps.config = { ...config, ...(setupToken ? { SETUP_TOKEN: setupToken } : {}) };

const app = createApp(deps);
const server = createNodeServer({
  fetch: app.fetch,
  hostname: nodeConfig.HOST,
  headersTimeoutMs: nodeConfig.HEADERS_TIMEOUT_SECONDS * 1000,
  requestTimeoutMs: nodeConfig.REQUEST_TIMEOUT_SECONDS * 1000,
});
server.listen(nodeConfig.PORT, nodeConfig.HOST, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : nodeConfig.PORT;
  logger.info('listening', { url: `http://localhost:${port}/chat`, port });
  if (lineDemo)
    logger.info('LINE simulator: open the phone page to chat as a LINE user', { url: lineDemo.phoneUrl });
});

// Node only and optional: the wechaty package is imported only when a puppet is configured.
const wechaty = config.WECHATY_PUPPET
  ? await (await import('../channels/wechaty/index.js')).startWechatyFromConfig(deps)
  : null;

const scheduler = setInterval(() => {
  runScheduledTasks(deps).catch((error) => logger.error('scheduled tasks failed', { error }));
}, nodeConfig.SCHEDULER_INTERVAL_SECONDS * 1000);

/**
 * Stops accepting connections and waits for requests in flight. Idle keep-alive connections are closed at
 * once; a connection still busy after the grace period is cut, so one stuck client cannot hold up a deploy.
 */
async function closeServer() {
  const http = server;
  const closed = new Promise<void>((resolve) => http.close(() => resolve()));
  http.closeIdleConnections();
  const deadline = Date.now() + (nodeConfig.SHUTDOWN_TIMEOUT_SECONDS * 1000) / 2;
  while (Date.now() < deadline) {
    const open = await new Promise<number>((resolve) =>
      http.getConnections((_error, count) => resolve(count)),
    );
    if (open === 0) break;
    http.closeIdleConnections();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  http.closeAllConnections();
  await closed;
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info('shutting down', { signal });
  clearInterval(scheduler);
  const forced = setTimeout(() => {
    logger.error('shutdown timed out, exiting');
    process.exit(1);
  }, nodeConfig.SHUTDOWN_TIMEOUT_SECONDS * 1000);
  forced.unref();
  // Stop accepting connections and let in-flight requests finish, then finish queued jobs, then close the file.
  await closeServer();
  await wechaty?.stop().catch((error) => logger.warn('wechaty did not stop cleanly', { error }));
  await queue.stop();
  await lineDemo?.close();
  database.close();
  logger.info('stopped');
  stdout.flush();
  // No process.exit(): with the server, timers and database closed the process ends by itself once stdout
  // is flushed, so the last log lines are never cut off.
  process.exitCode = 0;
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
