import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { runLineEvent, verifyLineSignature } from '../../src/channels/line/index.js';
import { verifyWithWebCrypto } from '../../src/channels/line/verify-signature.js';
import { lineEventSchema } from '../../src/channels/line/webhook-schema.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { channelIdentities, jobs, outbox } from '../../src/db/schema.js';
import { verifyHmacSha256 } from '../../src/platform/node/verify-hmac-sha256.js';
import {
  type LineSimulator,
  lineEvents,
  lineSignature,
  startLineSimulator,
  webhookBody,
} from '../../tools/line-sim/index.js';
import { makeTestDeps } from '../support/test-deps.js';

// The webhook as LINE calls it: signed with the channel secret, acknowledged at once, each event answered once
// through the job queue (replies land in the LINE simulator), forged or altered requests refused with 401.

const SECRET = 'line-test-channel-secret';
const TOKEN = 'line-test-access-token';
const utf8 = (text: string) => new TextEncoder().encode(text);

// Node checks the MAC with node:crypto (no thread-pool hop per request); Workers, and any runtime without its
// own verifier, with Web Crypto. Both must agree on the SDK's vector and on every refusal.
describe.each([
  ['Web Crypto', verifyWithWebCrypto],
  ['node:crypto', verifyHmacSha256],
])('LINE signature check with %s', (_name, verify) => {
  it("reproduces the SDK's published test vector", async () => {
    const body = utf8(JSON.stringify({ hello: 'world' }));
    expect(
      await verifyLineSignature(body, 't7Hn4ZDHqs6e+wdvI5TyQIvzie0DmMUmuXEBqyyE/tM=', 'test_secret', verify),
    ).toBe(true);
    expect(lineSignature('{"hello":"world"}', 'test_secret')).toBe(
      't7Hn4ZDHqs6e+wdvI5TyQIvzie0DmMUmuXEBqyyE/tM=',
    );
  });

  it('refuses another body, another secret, a missing or malformed header', async () => {
    const good = 't7Hn4ZDHqs6e+wdvI5TyQIvzie0DmMUmuXEBqyyE/tM=';
    const check = (body: string, signature: string | undefined, secret = 'test_secret') =>
      verifyLineSignature(utf8(body), signature, secret, verify);
    expect(await check('{"hello":"World"}', good)).toBe(false);
    expect(await check('{"hello":"world"}', good, 'other_secret')).toBe(false);
    expect(await check('{"hello":"world"}', undefined)).toBe(false);
    expect(await check('{"hello":"world"}', 'not base64!')).toBe(false);
    expect(await check('{"hello":"world"}', good.slice(0, 40))).toBe(false);
    // Well-formed base64 of 32 bytes, one bit off.
    expect(await check('{"hello":"world"}', `u${good.slice(1)}`)).toBe(false);
  });
});

describe('POST /webhook/line', () => {
  let sim: LineSimulator;
  let harness: ReturnType<typeof makeTestDeps>;
  let app: ReturnType<typeof createApp>;
  let url = '';

  beforeAll(async () => {
    sim = await startLineSimulator({ channelAccessToken: TOKEN, channelId: '1657000000' });
    harness = makeTestDeps({
      LINE_CHANNEL_SECRET: SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
      PUBLIC_URL: 'https://mingbai.example.edu.cn',
      LINE_API_BASE_URL: sim.url,
      LINE_DATA_API_BASE_URL: sim.url,
    });
    app = createApp(harness.deps);
    url = 'http://mingbai.test/webhook/line';
  });
  afterAll(async () => {
    await sim.close();
    harness.close();
  });
  beforeEach(() => sim.reset());

  /** Posts through the in-process app, signed like LINE (or not). */
  const post = (body: string, signature?: string | null) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const value = signature === undefined ? lineSignature(body, SECRET) : signature;
    if (value !== null) headers['x-line-signature'] = value;
    return app.request(url, { method: 'POST', headers, body });
  };
  const at = () => harness.deps.clock.now();

  it('answers a wrong signature, a missing header and a body altered after signing with 401, storing nothing', async () => {
    const user = sim.addUser();
    const body = webhookBody([lineEvents.text(user.userId, '你好', { replyToken: 'x', timestamp: at() })]);
    const forged = await post(body, lineSignature(body, 'not-the-secret'));
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('invalid_signature');
    expect((await post(body, null)).status).toBe(401);
    const altered = body.replace('你好', '您好');
    expect((await post(altered, lineSignature(body, SECRET))).status).toBe(401);
    expect(await harness.deps.database.db.select().from(jobs)).toHaveLength(0);
  });

  it('refuses an oversized body before reading it and a signed non-webhook with 400', async () => {
    const huge = JSON.stringify({ destination: 'U0', events: [], padding: 'x'.repeat(1_100_000) });
    expect((await post(huge)).status).toBe(413);
    const notWebhook = await post(JSON.stringify({ hello: 'world' }));
    expect(notWebhook.status).toBe(400);
    expect((await post('not json')).status).toBe(400);
  });

  it("answers LINE's Verify button (no events) with 200", async () => {
    expect((await post(webhookBody([]))).status).toBe(200);
  });

  it('greets a new friend in the language of their LINE app, once, even when the event is redelivered', async () => {
    const user = sim.addUser({ language: 'en' });
    const follow = lineEvents.follow(user.userId, {
      replyToken: sim.issueReplyToken(user.userId),
      timestamp: at(),
    });
    const response = await post(webhookBody([follow]));
    expect(response.status).toBe(200);
    await harness.queue.drain();
    const first = sim.messagesTo(user.userId);
    expect(first.length).toBeGreaterThan(0);
    expect(first.every((message) => message.via === 'reply')).toBe(true);
    expect(JSON.stringify(first)).toMatch(/Mingbai/);

    // LINE redelivers the same event (same webhookEventId): stored once, answered once.
    const again = { ...follow, deliveryContext: { isRedelivery: true } };
    expect((await post(webhookBody([again]))).status).toBe(200);
    await harness.queue.drain();
    expect(sim.messagesTo(user.userId)).toHaveLength(first.length);
    const identity = await harness.deps.database.db
      .select()
      .from(channelIdentities)
      .where(and(eq(channelIdentities.channel, 'line'), eq(channelIdentities.externalId, user.userId)));
    expect(identity).toHaveLength(1);
  });

  it('answers a text from an unbound user with the menu as quick replies, and a postback tap as a choice', async () => {
    const user = sim.addUser({ language: 'zh-CN' });
    const text = lineEvents.text(user.userId, '菜单', {
      replyToken: sim.issueReplyToken(user.userId),
      timestamp: at(),
    });
    expect((await post(webhookBody([text]))).status).toBe(200);
    await harness.queue.drain();
    const replies = sim.messagesTo(user.userId);
    const withChoices = replies.find((message) => message.message.quickReply);
    expect(withChoices, JSON.stringify(replies)).toBeDefined();
    const items = (withChoices!.message.quickReply as { items: { action: { type: string; data: string } }[] })
      .items;
    expect(items.length).toBeGreaterThan(1);
    expect(
      items.every((item) => item.action.type === 'postback' && item.action.data.startsWith('choice:')),
    ).toBe(true);

    sim.reset();
    const tap = lineEvents.postback(user.userId, items[0]!.action.data, {
      replyToken: sim.issueReplyToken(user.userId),
      timestamp: at(),
    });
    expect((await post(webhookBody([tap]))).status).toBe(200);
    await harness.queue.drain();
    expect(sim.messagesTo(user.userId).length).toBeGreaterThan(0);
    // Not a choice of ours: ignored, no answer.
    sim.reset();
    const foreign = lineEvents.postback(user.userId, 'action=buy', {
      replyToken: sim.issueReplyToken(user.userId),
    });
    expect((await post(webhookBody([foreign]))).status).toBe(200);
    await harness.queue.drain();
    expect(sim.messagesTo(user.userId)).toHaveLength(0);
  });

  it('pushes with a retry key when the reply token is stale, and a retried push is not delivered twice', async () => {
    const user = sim.addUser({ language: 'zh-CN' });
    // Two minutes old: the reply token would be refused, so the answer is pushed.
    const text = lineEvents.text(user.userId, '你好', {
      replyToken: sim.issueReplyToken(user.userId),
      timestamp: at() - 120_000,
    });
    // The first push fails with a 500 after LINE took it: Mingbai retries with the same key.
    sim.failNext('/v2/bot/message/push', 503, 1, 0);
    expect((await post(webhookBody([text]))).status).toBe(200);
    await harness.queue.drain();
    const pushes = sim.received.filter((request) => request.path === '/v2/bot/message/push');
    expect(pushes.map((request) => request.status)).toEqual([503, 200]);
    expect(pushes[0]!.retryKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(pushes[1]!.retryKey).toBe(pushes[0]!.retryKey);
    const delivered = sim.messagesTo(user.userId);
    expect(delivered.length).toBeGreaterThan(0);
    expect(delivered.every((message) => message.via === 'push')).toBe(true);
    const [row] = await harness.deps.database.db
      .select()
      .from(outbox)
      .where(eq(outbox.idempotencyKey, `line_reply:${text.webhookEventId}`));
    expect(row?.status).toBe('sent');
  });

  it('a job run again after a crash that followed an accepted push delivers nothing twice (409 = sent)', async () => {
    const user = sim.addUser({ language: 'zh-CN' });
    const text = lineEvents.text(user.userId, '你好', { timestamp: at() - 120_000 });
    expect((await post(webhookBody([text]))).status).toBe(200);
    await harness.queue.drain();
    const delivered = sim.messagesTo(user.userId).length;
    expect(delivered).toBeGreaterThan(0);
    // As if the process died after LINE accepted the push but before the row was marked sent.
    const key = `line_reply:${text.webhookEventId}`;
    await harness.deps.database.db
      .update(outbox)
      .set({ status: 'queued', sentAt: null })
      .where(eq(outbox.idempotencyKey, key));
    await runLineEvent(harness.deps, lineEventSchema.parse(text));
    const pushes = sim.received.filter((request) => request.path === '/v2/bot/message/push');
    expect(pushes.map((request) => request.status)).toEqual([200, 409]);
    expect(sim.messagesTo(user.userId)).toHaveLength(delivered);
    const [row] = await harness.deps.database.db.select().from(outbox).where(eq(outbox.idempotencyKey, key));
    expect(row?.status).toBe('sent');
  });

  it('tells a group politely that it talks to one family at a time, and keeps nothing of the group', async () => {
    const join = lineEvents.join('C0123', { replyToken: sim.issueReplyToken('C0123') });
    const said = lineEvents.groupText('C0123', sim.addUser().userId, '老师好', {
      replyToken: sim.issueReplyToken('C0123'),
    });
    expect((await post(webhookBody([join, said]))).status).toBe(200);
    await harness.queue.drain();
    const toGroup = sim.messagesTo('C0123');
    expect(toGroup).toHaveLength(2);
    expect(String(toGroup[0]!.message.text)).toContain('一对一');
  });

  it('answers a sticker with what it can read, and records an unfollow', async () => {
    const user = sim.addUser({ language: 'zh-CN' });
    const sticker = lineEvents.sticker(user.userId, {
      replyToken: sim.issueReplyToken(user.userId),
      timestamp: at(),
    });
    expect((await post(webhookBody([sticker]))).status).toBe(200);
    await harness.queue.drain();
    expect(JSON.stringify(sim.messagesTo(user.userId))).toContain('文字和照片');

    expect((await post(webhookBody([lineEvents.unfollow(user.userId)]))).status).toBe(200);
    await harness.queue.drain();
    const [identity] = await harness.deps.database.db
      .select()
      .from(channelIdentities)
      .where(eq(channelIdentities.externalId, user.userId));
    expect(identity?.unreachableSince).not.toBeNull();
  });

  it('is refused at start without PUBLIC_URL, since LINE shows only whole addresses', () => {
    const line = { LINE_CHANNEL_SECRET: SECRET, LINE_CHANNEL_ACCESS_TOKEN: TOKEN };
    expect(() => loadConfig(line)).toThrow(ConfigError);
    expect(() => loadConfig(line)).toThrow(/PUBLIC_URL.*required by the LINE channel/);
    expect(loadConfig({ ...line, PUBLIC_URL: 'https://mingbai.example.edu.cn' }).PUBLIC_URL).toBe(
      'https://mingbai.example.edu.cn',
    );
  });

  it('is not there when LINE is not configured', async () => {
    const bare = makeTestDeps();
    try {
      const response = await createApp(bare.deps).request(url, { method: 'POST', body: '{}' });
      expect(response.status).toBe(404);
    } finally {
      bare.close();
    }
  });
});
