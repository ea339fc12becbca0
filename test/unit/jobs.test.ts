import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { chatMessages } from '../../src/db/schema.js';
import { runScheduledTasks } from '../../src/jobs/scheduled-tasks.js';
import { createLogger } from '../../src/platform/logger.js';
import { createInProcessQueue } from '../../src/platform/node/in-process-queue.js';
import { ChatClient } from '../support/chat-client.js';
import { makeTestDeps } from '../support/test-deps.js';

describe('in-process job queue', () => {
  it('retries a failing job with backoff until it succeeds', async () => {
    const attempts: number[] = [];
    const queue = createInProcessQueue({
      logger: createLogger('silent'),
      retryDelayMs: 1,
      handle: async () => {
        attempts.push(attempts.length + 1);
        if (attempts.length < 3) throw new Error('temporary');
      },
    });
    await queue.enqueue({ type: 'prune_chat_history', before: 0 });
    await queue.drain();
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('gives up after the last attempt and stays usable', async () => {
    let calls = 0;
    const queue = createInProcessQueue({
      logger: createLogger('silent'),
      retryDelayMs: 1,
      maxAttempts: 2,
      handle: async (job) => {
        calls++;
        if (job.type === 'prune_chat_history' && job.before === 1) throw new Error('always');
      },
    });
    await queue.enqueue({ type: 'prune_chat_history', before: 1 });
    await queue.enqueue({ type: 'prune_chat_history', before: 2 });
    await queue.drain();
    expect(calls).toBe(3);
  });
});

describe('scheduled tasks', () => {
  let harness: ReturnType<typeof makeTestDeps> | undefined;
  afterEach(() => harness?.close());

  it('prune chat history older than the retention period through the queue', async () => {
    harness = makeTestDeps({ CHAT_HISTORY_DAYS: '30' });
    const app = createApp(harness.deps);
    const chat = new ChatClient(async (path, init) => app.request(path, init));
    await chat.start();
    harness.clock.advance(31 * 24 * 60 * 60_000);
    await chat.choose('contact');
    const before = await harness.deps.database.db.select().from(chatMessages);

    await runScheduledTasks(harness.deps);
    await harness.queue.drain();

    const after = await harness.deps.database.db.select().from(chatMessages);
    expect(after.length).toBeLessThan(before.length);
    expect(after.every((row) => row.createdAt >= harness!.clock.now() - 30 * 24 * 60 * 60_000)).toBe(true);
    expect(after.length).toBeGreaterThan(0);
  });
});
