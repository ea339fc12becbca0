import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationDocuments, applications, chatUploads } from '../../src/db/schema.js';
import { allText } from '../support/chat-client.js';
import { type ApplicationWorld, makeApplicationWorld, photo } from './application-world.js';
import { fillUntilDocuments } from './journey-helpers.js';

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');
const SVG = new TextEncoder().encode(
  '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.cookie)</script></svg>',
);
const truncatedJpeg = () => {
  const whole = photo('progressive.jpg');
  return whole.slice(0, Math.floor(whole.length / 2));
};
const bigImage = () => {
  const bytes = new Uint8Array(30 * 1024 * 1024);
  bytes.set(photo('progressive.jpg').slice(0, 2));
  return bytes;
};

const CASES: {
  name: string;
  bytes: () => Uint8Array<ArrayBuffer>;
  file: string;
  type: string;
  status: number;
}[] = [
  { name: 'a PDF renamed .jpg', bytes: () => PDF, file: '户口本.jpg', type: 'image/jpeg', status: 422 },
  { name: 'an SVG with a script', bytes: () => SVG, file: 'photo.svg', type: 'image/svg+xml', status: 422 },
  { name: 'a 30 MB image', bytes: bigImage, file: 'big.jpg', type: 'image/jpeg', status: 413 },
  {
    name: 'an empty file',
    bytes: () => new Uint8Array(0),
    file: 'empty.jpg',
    type: 'image/jpeg',
    status: 422,
  },
  { name: 'a truncated JPEG', bytes: truncatedJpeg, file: 'half.jpg', type: 'image/jpeg', status: 422 },
];

describe('bad document photos are refused with a clear message and nothing is stored', () => {
  let world: ApplicationWorld;
  let pageToken = '';
  beforeAll(async () => {
    world = await makeApplicationWorld();
    const chat = world.chatOf(0);
    await fillUntilDocuments(chat);
    // A link to the multi-photo page, then back to the chat's photo step.
    await chat.upload(photo('progressive.jpg'), 'image/jpeg', 'ok.jpg');
    const link = await chat.choose('page');
    const url = link.messages.flatMap((message) => (message.type === 'link' ? [message.url] : []))[0] ?? '';
    pageToken = url.split('/apply/')[1] ?? '';
    await chat.choose('chat');
  }, 60_000);
  afterAll(() => world?.close());

  const stored = async () => ({
    uploads: (await world.deps.database.db.select({ n: count() }).from(chatUploads))[0]!.n,
    documents: (await world.deps.database.db.select({ n: count() }).from(applicationDocuments))[0]!.n,
  });

  for (const item of CASES) {
    it(`in the chat: ${item.name}`, async () => {
      const before = await stored();
      const response = await world.chatOf(0).upload(item.bytes(), item.type, item.file);
      expect(response.status).toBe(item.status);
      const body = (await response.json()) as { error: { code: string }; messages?: { text: string }[] };
      expect(['photo_refused', 'body_too_large']).toContain(body.error.code);
      if (item.status !== 413) expect(body.messages?.[0]?.text).toContain('没有保存');
      expect(await stored()).toEqual(before);
    });

    it(`on the /apply page: ${item.name}`, async () => {
      const before = await stored();
      const form = new FormData();
      form.append('kind', 'household_register');
      form.append('file', new Blob([item.bytes()], { type: item.type }), item.file);
      const response = await world.fetcher(`/apply/${pageToken}/photos`, { method: 'POST', body: form });
      expect(response.status).toBe(item.status);
      expect(await stored()).toEqual(before);
    });
  }

  it('the chat is still at the photo step and takes a good photo', async () => {
    const reply = await world.chatOf(0).upload(photo('metadata.webp'), 'image/webp', 'ok.webp');
    expect(reply.status).toBe(201);
    expect(allText((await reply.json()) as never)).toContain('第 2 张');
  });

  it('the /apply page takes several good photos and shows the count; a wrong token is refused', async () => {
    const page = await world.fetcher(`/apply/${pageToken}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain('sha256-');
    for (const name of ['gps-orientation-6.jpg', 'metadata.png']) {
      const form = new FormData();
      form.append('kind', 'subsistence_certificate');
      form.append('file', new Blob([photo(name)]), name);
      const response = await world.fetcher(`/apply/${pageToken}/photos`, { method: 'POST', body: form });
      expect(response.status).toBe(201);
    }
    const [application] = await world.deps.database.db.select().from(applications);
    expect(application?.status).toBe('draft');
    expect((await world.fetcher('/apply/not-a-real-token-at-all-0000')).status).toBe(404);
  });
});
