import { createApp } from '../app.js';
import { loadConfig } from '../config.js';
import { seedDemoSchool } from '../demo/seed-demo-school.js';
import { handleJob } from '../jobs/handle-job.js';
import { runScheduledTasks } from '../jobs/scheduled-tasks.js';
import { createLogger } from '../platform/logger.js';
import { type AppDeps, systemClock } from '../platform/ports.js';
import { createCloudflareQueue, type JobMessage } from '../platform/worker/cloudflare-queue.js';
import { consumeDeadLetters, consumeJobMessages } from '../platform/worker/consume-job-messages.js';
import { openD1Database } from '../platform/worker/d1-database.js';
import { createR2BlobStore } from '../platform/worker/r2-blob-store.js';
import { workerRequestInfo } from '../platform/worker/worker-request-info.js';

// Cloudflare Workers: D1, R2 and a Queue from wrangler.toml. Migrations are applied by
// `wrangler d1 migrations apply`, not here.

export interface Env {
  DB: D1Database;
  BLOBS: R2Bucket;
  JOBS: Queue<JobMessage>;
  [variable: string]: unknown;
}

interface Runtime {
  deps: AppDeps;
  app: ReturnType<typeof createApp>;
  seeded?: Promise<unknown>;
}

// Bindings are the same for every request an isolate serves, so the app is built once per isolate.
let runtime: Runtime | undefined;

function runtimeFor(env: Env): Runtime {
  if (runtime) return runtime;
  const config = loadConfig(env);
  const deps: AppDeps = {
    config,
    database: openD1Database(env.DB),
    blobs: createR2BlobStore(env.BLOBS),
    queue: createCloudflareQueue(env.JOBS, systemClock.now),
    clock: systemClock,
    logger: createLogger(config.LOG_LEVEL, { service: 'mingbai', runtime: 'worker' }),
    requestInfo: workerRequestInfo,
  };
  runtime = { deps, app: createApp(deps) };
  return runtime;
}

export default {
  async fetch(request, env, ctx) {
    const current = runtimeFor(env);
    if (current.deps.config.SEED_DEMO) {
      current.seeded ??= seedDemoSchool(current.deps).catch((error) => {
        current.seeded = undefined;
        current.deps.logger.error('demo seed failed', { error });
      });
      await current.seeded;
    }
    return current.app.fetch(request, env, ctx);
  },

  // Messages name rows of the jobs table; messages the queue gave up on arrive from its dead-letter queue.
  async queue(batch, env) {
    const { deps } = runtimeFor(env);
    if (batch.queue.endsWith('-dlq')) return consumeDeadLetters(deps, batch);
    await consumeJobMessages(deps, batch, (job, context) =>
      handleJob(deps, job, context, { maxDeliveryPages: 10 }),
    );
  },

  async scheduled(_controller, env, ctx) {
    const { deps } = runtimeFor(env);
    ctx.waitUntil(runScheduledTasks(deps));
  },
} satisfies ExportedHandler<Env, unknown>;
