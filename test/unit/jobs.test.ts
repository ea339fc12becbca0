import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { chatMessages, jobs, outbox } from '../../src/db/schema.js';
import {
  claimJob,
  claimNextJob,
  enqueueJobs,
  releaseOrphanedJobs,
  runClaimedJob,
} from '../../src/delivery/index.js';
import type { Job } from '../../src/jobs/job.js';
import { runScheduledTasks } from '../../src/jobs/scheduled-tasks.js';
import { createJobWorker } from '../../src/platform/node/job-worker.js';
import { ChatClient } from '../support/chat-client.js';
import { makeTestDeps } from '../support/test-deps.js';

const prune = (before: number): Job => ({ type: 'prune_chat_history', before });

describe('durable jobs', () => {
  let harness: ReturnType<typeof makeTestDeps> | undefined;
  afterEach(() => harness?.close());

  const rowOf = async (key: string) => {
    const [row] = await harness!.deps.database.db.select().from(jobs).where(eq(jobs.idempotencyKey, key));
    return row!;
  };

  it('retries a failing job with backoff by the clock, then marks it done', async () => {
    harness = makeTestDeps();
    const { deps, clock } = harness;
    let calls = 0;
    const worker = createJobWorker({
      deps,
      handle: async () => {
        calls++;
        if (calls < 3) throw new Error('temporary');
      },
    });
    deps.queue = worker;
    await enqueueJobs(deps, [{ job: prune(0), idempotencyKey: 'retry-me' }]);
    await worker.drain();
    expect(calls).toBe(1);
    const first = await rowOf('retry-me');
    expect(first).toMatchObject({ status: 'queued', attempts: 1, lastError: 'temporary' });
    expect(first.runAt).toBe(clock.now() + 2_000);

    clock.advance(1_999);
    await worker.drain();
    expect(calls).toBe(1);
    clock.advance(1);
    await worker.drain();
    expect(calls).toBe(2);
    expect((await rowOf('retry-me')).runAt).toBe(clock.now() + 4_000);
    clock.advance(4_000);
    await worker.drain();
    expect(calls).toBe(3);
    expect(await rowOf('retry-me')).toMatchObject({ status: 'done', attempts: 3, lastError: null });
  });

  it('marks a job dead after its last attempt and keeps running others', async () => {
    harness = makeTestDeps();
    const { deps, clock } = harness;
    const seen: number[] = [];
    const worker = createJobWorker({
      deps,
      handle: async (job) => {
        if (job.type !== 'prune_chat_history') return;
        seen.push(job.before);
        if (job.before === 1) throw new Error('always');
      },
    });
    deps.queue = worker;
    await enqueueJobs(deps, [
      { job: prune(1), idempotencyKey: 'doomed', maxAttempts: 2 },
      { job: prune(2), idempotencyKey: 'fine' },
    ]);
    await worker.drain();
    clock.advance(60_000);
    await worker.drain();
    expect(await rowOf('doomed')).toMatchObject({ status: 'dead', attempts: 2, lastError: 'always' });
    expect(await rowOf('fine')).toMatchObject({ status: 'done' });
    expect(seen.filter((value) => value === 1)).toHaveLength(2);
  });

  it('stores work once per idempotency key', async () => {
    harness = makeTestDeps();
    const { deps } = harness;
    await enqueueJobs(deps, [{ job: prune(5), idempotencyKey: 'once' }]);
    await enqueueJobs(deps, [{ job: prune(6), idempotencyKey: 'once' }]);
    const rows = await deps.database.db.select().from(jobs).where(eq(jobs.idempotencyKey, 'once'));
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.payload)).toEqual(prune(5));
  });

  it('lets exactly one claimant win, and takes over a run whose lease ran out', async () => {
    harness = makeTestDeps();
    const { deps, clock } = harness;
    deps.queue = { dispatch: async () => {} };
    await enqueueJobs(deps, [{ job: prune(7), idempotencyKey: 'lease' }]);
    const id = (await rowOf('lease')).id;
    const claims = await Promise.all([
      claimJob(deps, id, 1_000),
      claimJob(deps, id, 1_000),
      claimNextJob(deps, 1_000),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    // The claimant "crashes": nobody may take the job while the lease holds, anyone may after.
    expect(await claimJob(deps, id, 1_000)).toBeNull();
    clock.advance(1_001);
    const taken = await claimJob(deps, id, 1_000);
    expect(taken).toMatchObject({ status: 'running', attempts: 2 });
    // The first claimant coming back late cannot overwrite the new run's outcome.
    const stale = claims.find(Boolean)!;
    await runClaimedJob(deps, stale, async () => {});
    expect((await rowOf('lease')).status).toBe('running');
    await runClaimedJob(deps, taken!, async () => {});
    expect((await rowOf('lease')).status).toBe('done');
  });

  it('hands back the jobs a killed Node process left running when it starts again', async () => {
    harness = makeTestDeps();
    const { deps } = harness;
    deps.queue = { dispatch: async () => {} };
    await enqueueJobs(deps, [{ job: prune(8), idempotencyKey: 'orphan' }]);
    await claimNextJob(deps, 3_600_000);
    expect((await rowOf('orphan')).status).toBe('running');
    expect(await releaseOrphanedJobs(deps)).toBe(1);
    expect((await rowOf('orphan')).status).toBe('queued');
  });
});

describe('scheduled tasks', () => {
  let harness: ReturnType<typeof makeTestDeps> | undefined;
  afterEach(() => harness?.close());

  it('prune chat history older than the retention period through the jobs table', async () => {
    harness = makeTestDeps({ CHAT_HISTORY_DAYS: '30' });
    const app = createApp(harness.deps);
    const chat = new ChatClient(async (path, init) => app.request(path, init));
    await chat.start();
    harness.clock.advance(31 * 24 * 60 * 60_000);
    await chat.choose('contact');
    const before = await harness.deps.database.db.select().from(chatMessages);

    await runScheduledTasks(harness.deps);
    await runScheduledTasks(harness.deps);
    await harness.queue.drain();

    const after = await harness.deps.database.db.select().from(chatMessages);
    expect(after.length).toBeLessThan(before.length);
    expect(after.every((row) => row.createdAt >= harness!.clock.now() - 30 * 24 * 60 * 60_000)).toBe(true);
    expect(after.length).toBeGreaterThan(0);
    // Twice in the same hour is one job.
    expect(await harness.deps.database.db.$count(jobs, eq(jobs.kind, 'prune_chat_history'))).toBe(1);
  });

  it('prunes LINE replies kept in the outbox with the chat history, and nothing a school keeps', async () => {
    harness = makeTestDeps({ CHAT_HISTORY_DAYS: '30' });
    const { deps, clock } = harness;
    const row = (id: string, topic: string, groupId: string, createdAt: number) => ({
      id,
      idempotencyKey: id,
      topic,
      groupId,
      subjectId: 'conv1',
      schoolId: topic === 'line_reply' ? '' : 'sch1',
      channel: 'line' as const,
      address: 'U0',
      payload: '[]',
      status: 'sent' as const,
      createdAt,
      updatedAt: createdAt,
    });
    const old = clock.now();
    clock.advance(31 * 24 * 60 * 60_000);
    const recent = clock.now();
    await deps.database.db
      .insert(outbox)
      .values([
        row('ob_old_reply', 'line_reply', 'line_reply:01OLD', old),
        row('ob_new_reply', 'line_reply', 'line_reply:01NEW', recent),
        row('ob_old_notice', 'notice', 'notice:v1', old),
        row('ob_old_status', 'application_status', 'line_replyish:app1', old),
      ]);
    await runScheduledTasks(deps);
    await harness.queue.drain();
    const left = await deps.database.db.select({ id: outbox.id }).from(outbox);
    expect(left.map((each) => each.id).sort()).toEqual(['ob_new_reply', 'ob_old_notice', 'ob_old_status']);
  });
});

describe('the Node job worker running several jobs at once', () => {
  let harness: ReturnType<typeof makeTestDeps> | undefined;
  afterEach(() => harness?.close());

  const lineText = (userId: string, text: string): Job => ({
    type: 'line_event',
    event: {
      type: 'message',
      timestamp: 0,
      source: { type: 'user', userId },
      webhookEventId: `${userId}-${text}`,
      deliveryContext: { isRedelivery: false },
      message: { id: `${userId}-${text}`, type: 'text', text },
    },
  });

  it("answers different families at once, but one family's events one after the other, in order", async () => {
    harness = makeTestDeps();
    const { deps } = harness;
    const log: string[] = [];
    const holds = new Map<string, () => void>();
    let inFlight = 0;
    let most = 0;
    const worker = createJobWorker({
      deps,
      concurrency: 4,
      handle: async (job) => {
        const name =
          job.type === 'line_event' ? `${job.event.source?.userId}:${job.event.message?.text}` : job.type;
        log.push(`start ${name}`);
        most = Math.max(most, ++inFlight);
        await new Promise<void>((release) => holds.set(name, release));
        inFlight--;
        log.push(`end ${name}`);
      },
    });
    deps.queue = worker;
    await enqueueJobs(deps, [
      { job: lineText('Ua', '1'), idempotencyKey: 'a1' },
      { job: lineText('Ua', '2'), idempotencyKey: 'a2' },
      { job: lineText('Ub', '1'), idempotencyKey: 'b1' },
      { job: prune(9), idempotencyKey: 'prune' },
      { job: lineText('Ua', '3'), idempotencyKey: 'a3' },
      { job: prune(10), idempotencyKey: 'prune-2' },
    ]);
    const drained = worker.drain();
    const release = async (name: string) => {
      while (!holds.has(name)) await new Promise((resolve) => setTimeout(resolve, 1));
      holds.get(name)!();
      holds.delete(name);
    };
    // The first of each lane starts at once (two as the enqueue's own commit claims them, one by the worker).
    while (holds.size < 3) await new Promise((resolve) => setTimeout(resolve, 1));
    // The second of a lane is released first: it must not have started before the first ended.
    await release('Ub:1');
    await release('Ua:1');
    await release('prune_chat_history');
    await release('Ua:2');
    await release('prune_chat_history');
    await release('Ua:3');
    await drained;

    expect(most).toBe(3);
    const at = (entry: string) => log.indexOf(entry);
    expect(log.slice(0, 3).sort()).toEqual(['start Ua:1', 'start Ub:1', 'start prune_chat_history']);
    expect(at('start Ua:2')).toBeGreaterThan(at('end Ua:1'));
    expect(at('start Ua:3')).toBeGreaterThan(at('end Ua:2'));
    // Jobs that are not a conversation's events still run one at a time.
    expect(log.filter((entry) => entry.endsWith('prune_chat_history'))).toEqual([
      'start prune_chat_history',
      'end prune_chat_history',
      'start prune_chat_history',
      'end prune_chat_history',
    ]);
    const statuses = await deps.database.db.select({ status: jobs.status }).from(jobs);
    expect(statuses.every((row) => row.status === 'done')).toBe(true);
  });

  const rowOf = async (key: string) => {
    const [row] = await harness!.deps.database.db.select().from(jobs).where(eq(jobs.idempotencyKey, key));
    return row!;
  };

  it("starts a LINE event's job from the enqueue's own commit, which claimed it; a crash hands it back", async () => {
    harness = makeTestDeps();
    const { deps } = harness;
    const started: string[] = [];
    // This "process" dies mid-run: its job never finishes.
    const dying = createJobWorker({
      deps,
      handle: async (job) => {
        started.push(job.type);
        await new Promise(() => {});
      },
    });
    deps.queue = dying;
    await enqueueJobs(deps, [{ job: lineText('Ua', 'hello'), idempotencyKey: 'claimed-at-once' }]);
    // Claimed by the insert's commit and already running: no look for due jobs was needed to start it.
    expect(started).toEqual(['line_event']);
    expect(await rowOf('claimed-at-once')).toMatchObject({ status: 'running', attempts: 1 });

    // The next process hands the run back at start and runs it again (at least once).
    let ran = 0;
    const next = createJobWorker({
      deps,
      handle: async () => {
        ran++;
      },
    });
    deps.queue = next;
    await next.start();
    await next.drain();
    await next.stop();
    expect(ran).toBe(1);
    expect(await rowOf('claimed-at-once')).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('never claims at once behind a waiting job of the same lane: that job goes first', async () => {
    harness = makeTestDeps();
    const { deps } = harness;
    // Stored while no worker was there to take it (a process that stopped, a restart): queued.
    deps.queue = { dispatch: async () => {} };
    await enqueueJobs(deps, [{ job: lineText('Ua', '1'), idempotencyKey: 'first' }]);
    const log: string[] = [];
    const worker = createJobWorker({
      deps,
      handle: async (job) => {
        if (job.type === 'line_event') log.push(`${job.event.source?.userId}:${job.event.message?.text}`);
      },
    });
    deps.queue = worker;
    await worker.start();
    const enqueued = enqueueJobs(deps, [
      { job: lineText('Ua', '2'), idempotencyKey: 'second' },
      { job: lineText('Ub', '1'), idempotencyKey: 'other-family' },
    ]);
    await enqueued;
    await worker.drain();
    await worker.stop();
    expect(log.indexOf('Ua:2')).toBeGreaterThan(log.indexOf('Ua:1'));
    expect(log.sort()).toEqual(['Ua:1', 'Ua:2', 'Ub:1']);
    expect(await rowOf('second')).toMatchObject({ status: 'done', attempts: 1 });
  });

  it("keeps a lane's order when its earlier job is stored in the same commit", async () => {
    harness = makeTestDeps();
    const { deps } = harness;
    const log: string[] = [];
    const worker = createJobWorker({
      deps,
      handle: async (job) => {
        if (job.type === 'line_event') log.push(`${job.event.source?.userId}:${job.event.message?.text}`);
        await new Promise((resolve) => setTimeout(resolve, 2));
      },
    });
    deps.queue = worker;
    // A webhook with three events of one user: the first is claimed by the insert, the others wait.
    await enqueueJobs(deps, [
      { job: lineText('Ua', '1'), idempotencyKey: 'a1' },
      { job: lineText('Ua', '2'), idempotencyKey: 'a2' },
      { job: lineText('Ua', '3'), idempotencyKey: 'a3' },
    ]);
    expect(log).toEqual(['Ua:1']);
    await worker.drain();
    expect(log).toEqual(['Ua:1', 'Ua:2', 'Ua:3']);
  });

  it('runs a redelivered event once, whether its first run is still going or done', async () => {
    harness = makeTestDeps();
    const { deps } = harness;
    let runs = 0;
    let finish = () => {};
    const worker = createJobWorker({
      deps,
      handle: async () => {
        runs++;
        await new Promise<void>((resolve) => {
          finish = resolve;
        });
      },
    });
    deps.queue = worker;
    const event = { job: lineText('Ua', 'again'), idempotencyKey: 'line_event:again' };
    await enqueueJobs(deps, [event]);
    await enqueueJobs(deps, [event]);
    finish();
    await worker.drain();
    await enqueueJobs(deps, [event]);
    await worker.drain();
    expect(runs).toBe(1);
    expect(await deps.database.db.$count(jobs)).toBe(1);
    expect(await rowOf('line_event:again')).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('never starts more jobs than its concurrency', async () => {
    harness = makeTestDeps();
    const { deps } = harness;
    let inFlight = 0;
    let most = 0;
    const worker = createJobWorker({
      deps,
      concurrency: 3,
      handle: async () => {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
      },
    });
    deps.queue = worker;
    await enqueueJobs(
      deps,
      Array.from({ length: 12 }, (_, index) => ({
        job: lineText(`U${index}`, 'hi'),
        idempotencyKey: `many-${index}`,
      })),
    );
    await worker.drain();
    expect(most).toBe(3);
    expect(await deps.database.db.$count(jobs, eq(jobs.status, 'done'))).toBe(12);
  });
});
