import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatClient, lastText, TINY_PNG } from '../support/chat-client.js';
import { nodeTarget, type Target, workerTarget } from '../support/targets.js';

// A chat photo is taken only at a step that asks for one, and only so many per conversation per hour, counted
// atomically before anything is stored: the same on Node and on workerd.

const LIMITS = { CHAT_UPLOADS_PER_CONVERSATION_HOUR: '4', SEED_DEMO: 'false' };
const targets: [string, () => Target][] = [
  ['node', () => nodeTarget(LIMITS)],
  ['worker', () => workerTarget(LIMITS)],
];

interface Refusal {
  error: { code: string };
  locale: string;
  messages: { type: string; text: string }[];
}

describe.each(targets)('chat photos on %s', (_name, makeTarget) => {
  let target: Target;
  const client = () => new ChatClient((path, init) => fetch(`${target.baseUrl}${path}`, init));

  beforeAll(async () => {
    target = makeTarget();
    await target.start();
  });
  afterAll(async () => {
    await target?.dispose();
  });

  it('refuses a photo nobody asked for, politely and in the chat’s language, and keeps nothing', async () => {
    for (const [locale, words] of [
      ['zh-CN', '现在还不需要发照片'],
      ['zh-TW', '現在還不需要傳照片'],
      ['en', 'No photo is needed right now'],
    ] as const) {
      const chat = client();
      await chat.start(locale);
      const before = await chat.history();
      const response = await chat.upload(new Uint8Array(TINY_PNG));
      expect(response.status).toBe(409);
      const body = (await response.json()) as Refusal;
      expect(body.error.code).toBe('photo_not_expected');
      expect(body.locale).toBe(locale);
      expect(body.messages[0]?.text).toContain(words);
      // Nothing was stored, not even an inbound message, and the conversation carries on where it was.
      expect(await chat.history()).toEqual(before);
      expect(lastText(await chat.choose('contact'))).toBeTruthy();
    }
  });

  it('takes the photo at the step that asks for it', async () => {
    const chat = client();
    await chat.start();
    await chat.choose('contact');
    await chat.choose('policy');
    await chat.text('寄宿生补助什么时候发？');
    const response = await chat.upload(new Uint8Array(TINY_PNG));
    expect(response.status).toBe(201);
    const { upload } = (await response.json()) as { upload: { id: string } };
    expect((await chat.raw(`/uploads/${upload.id}`)).status).toBe(200);
  });

  it('takes at most the hourly number of photos per conversation, counted before anything is stored', async () => {
    const chat = client();
    await chat.start();
    await chat.choose('contact');
    await chat.choose('policy');
    await chat.text('我想交证明材料');
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const response = await chat.upload(new Uint8Array(TINY_PNG));
      statuses.push(response.status);
      if (response.status === 429) {
        expect(await response.json()).toMatchObject({ error: { code: 'upload_quota_exceeded' } });
      }
      // From the confirm step back to the photo step, to send another.
      if (response.status === 201)
        expect((await chat.text('返回')).messages.at(-1)?.type).toBe('image_request');
    }
    expect(statuses).toEqual([201, 201, 201, 201, 429, 429]);
  });

  it('stores no more than the limit when many photos arrive at once', async () => {
    const chat = client();
    await chat.start();
    await chat.choose('contact');
    await chat.choose('policy');
    await chat.text('我想交证明材料');
    const statuses = await Promise.all(
      Array.from({ length: 12 }, async () => (await chat.upload(new Uint8Array(TINY_PNG))).status),
    );
    // One lands at the photo step; the others find it answered (409) or the hour's quota gone (429).
    expect(statuses.filter((status) => status === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((status) => status === 201).length).toBeLessThanOrEqual(4);
    expect(statuses.every((status) => [201, 409, 429].includes(status))).toBe(true);
  });
});
