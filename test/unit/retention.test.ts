import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { chatUploads, inboxMessages, rosterImports } from '../../src/db/schema.js';
import { DEMO_PASSWORD, seedDemoSchool } from '../../src/demo/seed-demo-school.js';
import { runScheduledTasks } from '../../src/jobs/scheduled-tasks.js';
import { allText, ChatClient, TINY_PNG } from '../support/chat-client.js';
import { ConsoleClient } from '../support/console-client.js';
import { makeTestDeps } from '../support/test-deps.js';

// What is kept, and for how long: photos nobody refers to, roster files (names, phones) and their previews.

const HOUR = 60 * 60 * 1000;

function world(overrides: Record<string, string> = {}) {
  const harness = makeTestDeps(overrides);
  const app = createApp(harness.deps);
  const chat = (ip = '198.51.100.7') =>
    new ChatClient(async (path, init) => {
      const headers = new Headers(init?.headers);
      headers.set('x-forwarded-for', ip);
      return app.request(path, { ...init, headers });
    });
  const runJobs = async () => {
    await runScheduledTasks(harness.deps);
    await harness.queue.drain();
  };
  return { ...harness, app, chat, runJobs };
}

async function toPhotoStep(chat: ChatClient) {
  await chat.start();
  await chat.choose('contact');
  await chat.choose('policy');
  await chat.text('寄宿生补助什么时候发？');
}

async function sendPhoto(chat: ChatClient): Promise<string> {
  const response = await chat.upload(new Uint8Array(TINY_PNG));
  expect(response.status).toBe(201);
  return ((await response.json()) as { upload: { id: string } }).upload.id;
}

describe('retention', () => {
  let current: ReturnType<typeof world> | undefined;
  afterEach(() => current?.close());

  it('deletes photos nobody refers to after UNREFERENCED_PHOTO_HOURS, and keeps those a message to staff holds', async () => {
    current = world({ UNREFERENCED_PHOTO_HOURS: '48' });
    const { deps, clock } = current;
    // Someone to read the message: the demo district's aid centre.
    await seedDemoSchool(deps);
    const kept = current.chat();
    await toPhotoStep(kept);
    const keptId = await sendPhoto(kept);
    expect(allText(await kept.choose('yes'))).toContain('已转给');
    const abandoned = current.chat();
    await toPhotoStep(abandoned);
    const abandonedId = await sendPhoto(abandoned);
    const blobOf = async (id: string) =>
      (await deps.database.db.select().from(chatUploads).where(eq(chatUploads.id, id)))[0]?.blobKey;
    const abandonedBlob = (await blobOf(abandonedId))!;

    clock.advance(47 * HOUR);
    await current.runJobs();
    expect(await blobOf(abandonedId)).toBeDefined();

    clock.advance(2 * HOUR);
    await current.runJobs();
    expect(await blobOf(abandonedId)).toBeUndefined();
    expect(await deps.blobs.get(abandonedBlob)).toBeNull();
    expect((await abandoned.raw(`/uploads/${abandonedId}`)).status).toBe(404);
    // The photo filed with the inquiry stays, however old.
    const [message] = await deps.database.db.select().from(inboxMessages);
    expect(message?.uploadId).toBe(keptId);
    expect((await kept.raw(`/uploads/${keptId}`)).status).toBe(200);
  });

  it('deletes unconfirmed roster previews after ROSTER_PREVIEW_HOURS and imported files after ROSTER_FILE_DAYS', async () => {
    current = world({ ROSTER_PREVIEW_HOURS: '24', ROSTER_FILE_DAYS: '30' });
    const { deps, clock, app } = current;
    await seedDemoSchool(deps);
    const officer = new ConsoleClient(async (path, init) => app.request(path, init));
    expect((await officer.logIn('demo-officer', DEMO_PASSWORD)).status).toBe(303);
    const upload = async (number: string) => {
      await officer.get('/console/import');
      const csv = `班级,学号,学生姓名,监护人姓名,与学生关系,监护人手机号\r\n三年级二班,${number},钱多多,钱进,父亲,13700009999\r\n`;
      const page = await (
        await officer.post('/console/import', { file: new File([csv], 'roster.csv') })
      ).text();
      return page.match(/\/console\/import\/(imp_[a-z0-9]+)\/confirm/)![1]!;
    };
    const rowOf = async (id: string) =>
      (await deps.database.db.select().from(rosterImports).where(eq(rosterImports.id, id)))[0]!;

    const committed = await upload('D20230299');
    expect((await officer.post(`/console/import/${committed}/confirm`)).status).toBe(200);
    const unconfirmed = await upload('D20230298');

    clock.advance(23 * HOUR);
    await current.runJobs();
    expect(await deps.blobs.get((await rowOf(unconfirmed)).blobKey)).not.toBeNull();

    clock.advance(2 * HOUR);
    await current.runJobs();
    const expired = await rowOf(unconfirmed);
    expect(expired.status).toBe('discarded');
    expect(expired.fileDeletedAt).not.toBeNull();
    expect(await deps.blobs.get(expired.blobKey)).toBeNull();
    // Confirming it now says so, and imports nothing (a new log-in: the session ran out meanwhile).
    expect((await officer.logIn('demo-officer', DEMO_PASSWORD)).status).toBe(303);
    await officer.get('/console/import');
    const late = await officer.post(`/console/import/${unconfirmed}/confirm`);
    expect(late.status).toBe(410);
    expect(await late.text()).toContain('预览已超过保留时间');
    // The imported file is kept for ROSTER_FILE_DAYS.
    expect(await deps.blobs.get((await rowOf(committed)).blobKey)).not.toBeNull();

    clock.advance(30 * 24 * HOUR);
    await current.runJobs();
    const old = await rowOf(committed);
    expect(old.status).toBe('committed');
    expect(old.fileDeletedAt).not.toBeNull();
    expect(await deps.blobs.get(old.blobKey)).toBeNull();
  });
});

describe('chat upload quotas', () => {
  let current: ReturnType<typeof world> | undefined;
  afterEach(() => current?.close());

  it('caps photos per address per hour across conversations, storing nothing it refuses', async () => {
    current = world({ CHAT_UPLOADS_PER_ADDRESS_HOUR: '3' });
    const { deps, clock } = current;
    const chats = Array.from({ length: 5 }, () => current!.chat('203.0.113.9'));
    for (const chat of chats) await toPhotoStep(chat);
    const answers = await Promise.all(chats.map(async (chat) => chat.upload(new Uint8Array(TINY_PNG))));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    const refused = answers.find((answer) => answer.status === 429)!;
    expect(await refused.json()).toMatchObject({
      error: { code: 'upload_quota_exceeded' },
      messages: [{ type: 'text', text: expect.stringContaining('照片太多') }],
    });
    expect(await deps.database.db.select().from(chatUploads)).toHaveLength(3);

    // Another address is not affected, and the next hour starts afresh.
    const elsewhere = current.chat('203.0.113.10');
    await toPhotoStep(elsewhere);
    await sendPhoto(elsewhere);
    clock.advance(HOUR + 1);
    const later = chats.find((_, index) => answers[index]!.status === 429)!;
    await sendPhoto(later);
  });
});
