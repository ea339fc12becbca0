import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allText, ChatClient, lastText, TINY_PNG } from '../support/chat-client.js';
import { nodeTarget, type Target, workerTarget } from '../support/targets.js';

// One HTTP suite, two runtimes: everything here must behave the same on Node and on workerd.
const targets: [string, () => Target][] = [
  ['node', () => nodeTarget()],
  ['worker', () => workerTarget({ SEED_DEMO: 'true' })],
];

describe.each(targets)('platform on %s', (_name, makeTarget) => {
  let target: Target;
  const client = () => new ChatClient((path, init) => fetch(`${target.baseUrl}${path}`, init));

  beforeAll(async () => {
    target = makeTarget();
    await target.start();
  });
  afterAll(async () => {
    await target?.dispose();
  });

  it('answers /healthz after checking the database', async () => {
    const response = await fetch(`${target.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });

  it('serves the chat page in zh-CN by default and in the requested locale', async () => {
    const zh = await fetch(`${target.baseUrl}/chat`);
    expect(zh.headers.get('content-type')).toContain('text/html');
    expect(await zh.text()).toContain('明白 · 学生资助助手');
    const en = await (await fetch(`${target.baseUrl}/chat?lang=en`)).text();
    expect(en).toContain('Student aid assistant');
  });

  it('keeps the locale files to itself (the Worker reads them from its static assets)', async () => {
    for (const path of ['/zh-CN.json', '/zh-TW.json', '/en.json']) {
      const response = await fetch(`${target.baseUrl}${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain('"chat"');
    }
    const zhTW = await (await fetch(`${target.baseUrl}/chat?lang=zh-TW`)).text();
    expect(zhTW).toContain('明白 · 學生資助助手');
  });

  it('greets in zh-CN with the main menu and walks a flow through the chat API', async () => {
    const chat = client();
    const started = await chat.start();
    expect(started.locale).toBe('zh-CN');
    expect(allText(started)).toContain('学生资助助手');
    const menu = started.messages.at(-1);
    expect(menu?.type).toBe('choices');
    expect(menu && 'choices' in menu ? menu.choices.map((choice) => choice.value) : []).toContain('contact');

    const topic = await chat.choose('contact');
    expect(lastText(topic)).toContain('哪方面');
    const message = await chat.choose('policy');
    expect(lastText(message)).toContain('请写下您的问题');
    const photo = await chat.text('寄宿生补助什么时候发？');
    expect(photo.messages.at(-1)?.type).toBe('image_request');
    const confirm = await chat.choose('skip');
    expect(lastText(confirm)).toContain('寄宿生补助什么时候发？');
    const sent = await chat.choose('yes');
    expect(allText(sent)).toContain('已转给');

    const history = await chat.history();
    expect(history.filter((row) => row.direction === 'in')).toHaveLength(5);
    expect(history.map((row) => row.seq)).toEqual([...history.map((row) => row.seq)].sort((a, b) => a - b));
  });

  it('stores an uploaded photo in the blob store and reads it back', async () => {
    const chat = client();
    await chat.start('en');
    await chat.choose('contact');
    await chat.choose('other');
    await chat.text('Here is the certificate.');
    const uploaded = await chat.upload(TINY_PNG);
    expect(uploaded.status).toBe(201);
    const body = (await uploaded.json()) as { upload: { id: string; contentType: string; size: number } };
    expect(body.upload).toMatchObject({ contentType: 'image/png', size: TINY_PNG.byteLength });

    const readBack = await chat.raw(`/uploads/${body.upload.id}`);
    expect(readBack.status).toBe(200);
    expect(readBack.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await readBack.arrayBuffer())).toEqual(TINY_PNG);

    const stranger = client();
    await stranger.start();
    const otherConversation = await fetch(
      `${target.baseUrl}/api/chat/conversations/${stranger.conversationId}/uploads/${body.upload.id}`,
      { headers: { authorization: `Bearer ${stranger.token}` } },
    );
    expect(otherConversation.status).toBe(404);
  });

  it('rejects bad input with 4xx JSON errors and changes nothing already stored', async () => {
    const chat = client();
    await chat.start();
    await chat.choose('contact');
    const before = await chat.history();

    const expectError = async (response: Response, status: number, code: string) => {
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toContain('application/json');
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
    };
    const post = (body: BodyInit, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
      chat.raw('/messages', { method: 'POST', body, headers });

    await expectError(await post('{"type":"text",'), 400, 'invalid_json');
    await expectError(await post('{"type":"text","text":42}'), 400, 'invalid_body');
    await expectError(await post('{"type":"shout","text":"hi"}'), 400, 'invalid_body');
    await expectError(await post('[]'), 400, 'invalid_body');
    await expectError(
      await post(JSON.stringify({ type: 'text', text: 'x'.repeat(40_000) })),
      413,
      'body_too_large',
    );
    await expectError(
      await fetch(`${target.baseUrl}/api/chat/conversations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"locale":"fr"}',
      }),
      400,
      'invalid_body',
    );
    await expectError(
      await fetch(`${target.baseUrl}/api/chat/conversations/c_doesnotexist/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${chat.token}`, 'content-type': 'application/json' },
        body: '{"type":"text","text":"hi"}',
      }),
      404,
      'conversation_not_found',
    );
    await expectError(
      await fetch(`${target.baseUrl}/api/chat/conversations/${chat.conversationId}/messages`),
      401,
      'missing_token',
    );
    await expectError(
      await fetch(`${target.baseUrl}/api/chat/conversations/${chat.conversationId}/messages`, {
        headers: { authorization: 'Bearer wrong-token' },
      }),
      404,
      'conversation_not_found',
    );
    await expectError(await chat.raw('/messages?after=-3'), 400, 'bad_request');
    // A photo is taken only at a step that asks for one (this conversation is at a choice).
    await expectError(
      await chat.upload(new TextEncoder().encode('%PDF-1.4 not a photo'), 'image/png'),
      409,
      'photo_not_expected',
    );
    await expectError(
      await chat.raw('/images', { method: 'POST', body: 'hello' }),
      415,
      'unsupported_media_type',
    );
    await expectError(await chat.upload(new Uint8Array(9 * 1024 * 1024).fill(0xff)), 413, 'body_too_large');
    await expectError(await chat.raw('/uploads/up_nothere'), 404, 'upload_not_found');
    await expectError(await fetch(`${target.baseUrl}/api/nothing-here`), 404, 'not_found');

    expect(await chat.history()).toEqual(before);
    // The conversation still works where it was.
    expect(lastText(await chat.choose('payment'))).toContain('请写下您的问题');
  });

  it('continues a conversation left mid-flow after the server restarts', async () => {
    const chat = client();
    await chat.start();
    await chat.choose('contact');
    await chat.choose('application');
    await chat.text('材料交到哪里？');

    await target.restart();
    if (target.name === 'node') expect(target.output()).toContain('"msg":"stopped"');

    const confirm = await chat.choose('skip');
    expect(lastText(confirm)).toContain('材料交到哪里？');
    expect(allText(await chat.choose('yes'))).toContain('已转给');
  });
});
