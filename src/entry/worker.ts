import { createApp } from '../app.js';
import { ConfigError, loadConfig } from '../config.js';
import { seedDemoSchool } from '../demo/seed-demo-school.js';
import { errorBody } from '../http/api-error.js';
import { handleJob } from '../jobs/handle-job.js';
import { runScheduledTasks } from '../jobs/scheduled-tasks.js';
import { createLogger } from '../platform/logger.js';
import { type AppDeps, systemClock } from '../platform/ports.js';
import { createCloudflareQueue, type JobMessage } from '../platform/worker/cloudflare-queue.js';
import { consumeDeadLetters, consumeJobMessages } from '../platform/worker/consume-job-messages.js';
import { openD1Database } from '../platform/worker/d1-database.js';
import { ensureLocales } from '../platform/worker/locales-from-assets.js';
import { createR2BlobStore } from '../platform/worker/r2-blob-store.js';
import { workerRequestInfo } from '../platform/worker/worker-request-info.js';
import { warmShippedAskEngine } from '../policy-api/index.js';

// Cloudflare Workers: D1, R2 and a Queue from wrangler.toml. Migrations are applied by
// `wrangler d1 migrations apply`, not here.

export interface Env {
  DB: D1Database;
  BLOBS: R2Bucket;
  JOBS: Queue<JobMessage>;
  /** The static assets of wrangler.toml: the locale files, read once per isolate. */
  ASSETS: Fetcher;
  [variable: string]: unknown;
}

interface Runtime {
  deps: AppDeps;
  app: ReturnType<typeof createApp>;
  seeded?: Promise<unknown>;
}

// While the isolate starts (a budget of its own, 1 s), not in a parent's first question (10 ms on the free plan):
// the shipped catalogue's search index is loaded and the answering code compiled.
warmShippedAskEngine();

/** Jobs that used up their retries arrive on this queue (`dead_letter_queue` in wrangler.toml). */
const DEAD_LETTER_QUEUE_SUFFIX = '-dlq';

// Bindings are the same for every request an isolate serves, so the app is built once per isolate; so is
// a configuration error, which then answers every request until the setting is fixed and redeployed.
let runtime: Runtime | ConfigError | undefined;

function runtimeFor(env: Env): Runtime | ConfigError {
  if (runtime) return runtime;
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(env);
    if (!config.BINDING_CODE_SECRET) {
      throw new ConfigError([
        { path: ['BINDING_CODE_SECRET'], message: 'not set: run `wrangler secret put BINDING_CODE_SECRET`' },
      ]);
    }
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    createLogger('error', { service: 'mingbai', runtime: 'worker' }).error('invalid configuration', {
      settings: error.settings,
      problems: error.message,
    });
    runtime = error;
    return runtime;
  }
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

/** One clear answer for every request while a setting is wrong, naming it (never its value). */
function misconfigured(error: ConfigError): Response {
  const body = errorBody('misconfigured', `Mingbai is not configured correctly. ${error.message}`, {
    settings: error.settings,
  });
  return Response.json(body, { status: 503, headers: { 'retry-after': '300', 'cache-control': 'no-store' } });
}

export default {
  async fetch(request, env, ctx) {
    await ensureLocales(env.ASSETS);
    const current = runtimeFor(env);
    if (current instanceof ConfigError) return misconfigured(current);
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
    await ensureLocales(env.ASSETS);
    const current = runtimeFor(env);
    // Throwing leaves every message to be retried, so nothing is lost while the setting is fixed.
    if (current instanceof ConfigError) throw current;
    const { deps } = current;
    if (batch.queue.endsWith(DEAD_LETTER_QUEUE_SUFFIX)) return consumeDeadLetters(deps, batch);
    await consumeJobMessages(deps, batch, (job, context) =>
      handleJob(deps, job, context, { maxDeliveryPages: 10 }),
    );
  },

  async scheduled(_controller, env, ctx) {
    await ensureLocales(env.ASSETS);
    const current = runtimeFor(env);
    if (current instanceof ConfigError) throw current;
    ctx.waitUntil(runScheduledTasks(current.deps));
  },
} satisfies ExportedHandler<Env, unknown>;
