import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { rateLimits } from '../../src/db/schema.js';
import { enqueueJobs } from '../../src/delivery/index.js';
import { DEMO_PASSWORD, seedDemoSchool } from '../../src/demo/seed-demo-school.js';
import { runScheduledTasks } from '../../src/jobs/scheduled-tasks.js';
import { createJobWorker } from '../../src/platform/node/job-worker.js';
import { rateLimiter } from '../../src/util/rate-limit.js';
import { staffAgent } from '../support/security-fixtures.js';
import { makeTestDeps } from '../support/test-deps.js';

// Issue 7, defects 13 and 14: an unmigrated database fails the health check; a job that used up its retries
// is logged and shows in the audit log instead of vanishing.
describe('faults that must not stay silent', () => {
  let harness: ReturnType<typeof makeTestDeps> | undefined;
  afterEach(() => harness?.close());

  it('/healthz reports schema_outdated when a migration is missing, ok with all of them', async () => {
    harness = makeTestDeps();
    const app = createApp(harness.deps);
    const healthy = await app.request('/healthz');
    expect(healthy.status).toBe(200);
    const journal = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../src/db/migrations/meta/_journal.json'), 'utf8'),
    );
    expect(await healthy.json()).toMatchObject({
      status: 'ok',
      schema: { applied: journal.entries.length, expected: journal.entries.length },
    });
    // As if the last migration had never been applied.
    await harness.deps.database.db.run(
      sql`delete from __drizzle_migrations where created_at = (select max(created_at) from __drizzle_migrations)`,
    );
    const behind = await app.request('/healthz');
    expect(behind.status).toBe(503);
    expect(await behind.json()).toMatchObject({ error: { code: 'schema_outdated' } });
  });

  it('a job that fails every attempt is logged and lands in the district audit log as job.dead_letter', async () => {
    harness = makeTestDeps();
    const { deps } = harness;
    await seedDemoSchool(deps);
    const lines: string[] = [];
    const logger = { ...deps.logger, error: (msg: string) => lines.push(msg) };
    const worker = createJobWorker({
      deps: { ...deps, logger },
      handle: async () => {
        throw new Error('disk full');
      },
    });
    deps.queue = worker;
    await enqueueJobs(deps, [
      { job: { type: 'prune_chat_history', before: 0 }, idempotencyKey: 'doomed', maxAttempts: 2 },
    ]);
    await worker.drain();
    harness.clock.advance(60_000);
    await worker.drain();
    expect(lines).toContain('job dead-lettered');
    const app = createApp(deps);
    const district = await staffAgent(
      (path, init) => Promise.resolve(app.request(path, init)),
      'demo-district',
      DEMO_PASSWORD,
    );
    const page = await (await district.get('/console/audit?action=job.')).text();
    expect(page).toContain('data-action="job.dead_letter"');
    expect(page).toContain('disk full');
  });

  it('wrangler.toml gives the job queue a dead-letter queue, and the Worker consumes it', () => {
    const toml = readFileSync(join(import.meta.dirname, '../../wrangler.toml'), 'utf8');
    const consumers = toml.split('[[queues.consumers]]').slice(1);
    const main = consumers.find((block) => /queue = "mingbai-jobs"\n/.test(block));
    expect(main).toMatch(/dead_letter_queue = "mingbai-jobs-dlq"/);
    expect(consumers.some((block) => /queue = "mingbai-jobs-dlq"/.test(block))).toBe(true);
  });

  it('the scheduler prunes attempt counters whose windows are long over', async () => {
    harness = makeTestDeps();
    const limiter = rateLimiter(harness.deps, { limit: 5, windowMs: 60_000 });
    await limiter.attempt('login:old');
    harness.clock.advance(4 * 24 * 60 * 60_000);
    await limiter.attempt('login:new');
    await runScheduledTasks(harness.deps);
    await harness.queue.drain();
    const keys = (await harness.deps.database.db.select().from(rateLimits)).map((row) => row.key);
    expect(keys).toEqual(['login:new']);
  });
});
