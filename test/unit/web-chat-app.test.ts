import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { chatMessages, chatUploads, inboxMessages, inboxThreads } from '../../src/db/schema.js';
import { seedDemoSchool } from '../../src/demo/seed-demo-school.js';
import { allText, ChatClient, lastText, TINY_PNG } from '../support/chat-client.js';
import { makeTestDeps } from '../support/test-deps.js';

// The real app in-process on a temporary SQLite file: behaviour that needs a controllable clock or a look
// into the database.

describe('web chat in-process', () => {
  let harness: ReturnType<typeof makeTestDeps>;
  let chat: ChatClient;

  beforeEach(() => {
    harness = makeTestDeps();
    const app = createApp(harness.deps);
    chat = new ChatClient(async (path, init) => app.request(path, init));
  });
  afterEach(() => harness.close());

  it('files a message with its photo in the same write as the conversation step', async () => {
    // A district aid centre with an officer, to whom a parent without a linked child writes.
    await seedDemoSchool(harness.deps);
    await chat.start();
    await chat.choose('contact');
    await chat.choose('payment');
    await chat.text('补助什么时候到账？');
    const uploaded = await chat.upload(TINY_PNG);
    const { upload } = (await uploaded.json()) as { upload: { id: string } };
    expect(allText(await chat.text('是'))).toContain('已转给');

    const [thread] = await harness.deps.database.db.select().from(inboxThreads);
    expect(thread).toMatchObject({
      conversationId: chat.conversationId,
      audience: 'district',
      topic: 'payment',
      status: 'new',
    });
    const [saved] = await harness.deps.database.db.select().from(inboxMessages);
    expect(saved).toMatchObject({
      threadId: thread!.id,
      author: 'guardian',
      body: '补助什么时候到账？',
      uploadId: upload.id,
    });
    const [stored] = await harness.deps.database.db
      .select()
      .from(chatUploads)
      .where(eq(chatUploads.id, upload.id));
    expect(await harness.deps.blobs.get(stored!.blobKey)).toEqual({
      bytes: TINY_PNG,
      contentType: 'image/png',
    });
  });

  it('says so honestly, and files nothing, when nobody could read a message yet', async () => {
    await chat.start();
    for (const step of ['contact', 'policy']) await chat.choose(step);
    await chat.text('问题');
    await chat.choose('skip');
    expect(allText(await chat.choose('yes'))).toContain('还没有老师能在「明白」里接收留言');
    expect(await harness.deps.database.db.select().from(inboxMessages)).toEqual([]);
  });

  it('does not file anything when the parent says no', async () => {
    await seedDemoSchool(harness.deps);
    await chat.start();
    for (const step of ['contact', 'policy']) await chat.choose(step);
    await chat.text('问题');
    await chat.choose('skip');
    expect(allText(await chat.choose('no'))).toContain('没有发送');
    expect(await harness.deps.database.db.select().from(inboxMessages)).toEqual([]);
  });

  it('asks a parent back after 30 idle minutes whether to continue', async () => {
    await chat.start();
    await chat.choose('contact');
    harness.clock.advance(31 * 60_000);
    const welcome = await chat.text('在吗');
    expect(lastText(welcome)).toContain('给资助老师留言');
    expect(lastText(await chat.choose('resume:continue'))).toContain('哪方面');
  });

  it('switches the whole conversation to another language mid-flow', async () => {
    await chat.start();
    await chat.choose('contact');
    await chat.text('語言');
    const switched = await chat.choose('zh-TW');
    expect(switched.locale).toBe('zh-TW');
    expect(allText(switched)).toContain('繁體中文');
    expect(lastText(switched)).toContain('請問您想諮詢哪方面的事情');
  });

  it('answers free text at the menu and shows the menu again', async () => {
    await chat.start();
    const reply = await chat.text('我家孩子能拿什么补助');
    expect(reply.messages.at(-1)?.type).toBe('choices');
    expect(reply.messages.length).toBeGreaterThan(1);
  });

  it('keeps a consistent log when several messages race for one conversation', async () => {
    await chat.start();
    const results = await Promise.all(
      ['contact', 'contact', 'contact'].map((value) =>
        chat.raw('/messages', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'choice', value }),
        }),
      ),
    );
    expect(results.every((response) => response.status === 200 || response.status === 409)).toBe(true);
    const inbound = await harness.deps.database.db
      .select()
      .from(chatMessages)
      .where(eq(chatMessages.direction, 'in'));
    expect(inbound).toHaveLength(results.filter((response) => response.status === 200).length);
  });
});
