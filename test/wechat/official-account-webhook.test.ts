import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channelIdentities, chatMessages, chatUploads, conversations, jobs } from '../../src/db/schema.js';
import { t } from '../../src/i18n/index.js';
import { sha1Signature, verificationQuery } from '../../tools/wechat-sim/index.js';
import { TINY_PNG } from '../support/chat-client.js';
import { makeWechatWorld, OA, type WechatWorld } from './wechat-world.js';

const GREETING = t('zh-CN', 'chat.greeting');
const NUMBER_HINT = t('zh-CN', 'wechat.reply_number');

describe('Official Account webhook, plain mode', () => {
  let world: WechatWorld;
  beforeEach(async () => {
    world = await makeWechatWorld();
  });
  afterEach(() => world.close());

  const now = () => String(Math.floor(world.harness.clock.now() / 1000));
  const inboundCount = async () =>
    (await world.harness.deps.database.db.select().from(chatMessages).where(eq(chatMessages.direction, 'in')))
      .length;

  it('answers the URL check with echostr only when the signature and time are right', async () => {
    const good = verificationQuery(OA.token, now(), 'n0nce', 'echo123');
    const answer = await world.app.request(`/webhook/wechat?${good}`);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe('echo123');

    const forged = verificationQuery('someothertoken', now(), 'n0nce', 'echo123');
    const refused = await world.app.request(`/webhook/wechat?${forged}`);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { code: 'invalid_signature' } });

    const old = String(Number(now()) - 600);
    const stale = await world.app.request(
      `/webhook/wechat?${verificationQuery(OA.token, old, 'n0nce', 'e')}`,
    );
    expect(stale.status).toBe(401);
    expect(await stale.json()).toMatchObject({ error: { code: 'stale_request' } });

    expect((await world.app.request('/webhook/wechat?echostr=x')).status).toBe(400);
  });

  it('greets a new follower in the passive reply and remembers them', async () => {
    const parent = world.follower('oParent0001');
    const answer = await parent.subscribe();
    expect(answer.status).toBe(200);
    expect(answer.reply).toMatchObject({
      ToUserName: 'oParent0001',
      FromUserName: OA.originalId,
      MsgType: 'text',
    });
    expect(answer.reply!.Content).toContain(GREETING);
    expect(answer.reply!.Content).toContain(`1. ${t('zh-CN', 'flows.eligibility.menu_option')}`);
    expect(answer.reply!.Content).toContain(NUMBER_HINT);
    const [identity] = await world.harness.deps.database.db.select().from(channelIdentities);
    expect(identity).toMatchObject({
      channel: 'wechat',
      address: 'oa:oParent0001',
      externalId: 'oParent0001',
      account: OA.appId,
      unreachableSince: null,
    });
    // Nothing went through the API: the reply fitted in the response.
    expect(world.simulator.sent).toHaveLength(0);
  });

  it('refuses a forged or missing signature and saves nothing', async () => {
    const parent = world.follower('oParent0002');
    const request = parent.sign(parent.textFields('你好'));
    const forged = await parent.deliver({
      ...request,
      query: { ...request.query, signature: 'f'.repeat(40) },
    });
    expect(forged.status).toBe(401);
    const { signature: _, ...unsigned } = request.query;
    expect((await parent.deliver({ ...request, query: unsigned })).status).toBe(400);
    // Signed with the right token but for another timestamp: the signature no longer matches.
    const moved = await parent.deliver({
      ...request,
      query: { ...request.query, timestamp: String(Number(now()) + 1) },
    });
    expect(moved.status).toBe(401);
    expect(await world.harness.deps.database.db.select().from(conversations)).toHaveLength(0);
  });

  it('answers a redelivered message once and refuses one signed long ago', async () => {
    const parent = world.follower('oParent0003');
    const request = parent.sign(parent.textFields('菜单'));
    const first = await parent.deliver(request);
    expect(first.reply?.Content).toContain(GREETING);
    // WeChat retries with the same MsgId when it thinks we were slow; the same request replayed looks alike.
    const again = await parent.deliver(request);
    expect(again.status).toBe(200);
    expect(again.body).toBe('success');
    const third = await parent.deliver(parent.sign(JSON.parse(JSON.stringify(parent.textFields('x')))));
    expect(third.status).toBe(200);
    expect(await inboundCount()).toBe(2);
    // The jobs keep the keys that de-duplicate, not what the parent wrote.
    const stored = await world.harness.deps.database.db
      .select()
      .from(jobs)
      .where(eq(jobs.kind, 'wechat_oa_message'));
    expect(stored).toHaveLength(2);
    expect(stored.every((job) => job.status === 'done' && !job.payload.includes('菜单'))).toBe(true);

    const old = parent.sign(parent.textFields('菜单'), { timestamp: String(Number(now()) - 3600) });
    const stale = await parent.deliver(old);
    expect(stale.status).toBe(401);
    expect(await inboundCount()).toBe(2);
  });

  it('refuses XML with a DOCTYPE or entities, and XML that is not a message', async () => {
    const parent = world.follower('oParent0004');
    const request = parent.sign(parent.textFields('hi'));
    const bomb = `<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><xml><ToUserName>gh</ToUserName><FromUserName>oParent0004</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&b;</Content><MsgId>1</MsgId></xml>`;
    const refused = await parent.deliver({ ...request, body: bomb });
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'invalid_message' } });
    expect((await parent.deliver({ ...request, body: '<xml><Nothing>1</Nothing></xml>' })).status).toBe(400);
    expect((await parent.deliver({ ...request, body: 'not xml at all <' })).status).toBe(400);
    expect((await parent.deliver({ ...request, body: `<xml>${'<a>'.repeat(50)}</xml>` })).status).toBe(400);
    expect(await world.harness.deps.database.db.select().from(conversations)).toHaveLength(0);
  });

  it('turns menu clicks into commands and answers other message types politely', async () => {
    const parent = world.follower('oParent0005');
    await parent.subscribe();
    const bind = await parent.click('cmd:bind');
    expect(bind.reply?.Content).toContain(t('zh-CN', 'flows.bind.code_prompt').slice(0, 8));
    const voice = await parent.voice();
    expect(voice.reply?.Content).toBe(t('zh-CN', 'wechat.unsupported'));
    const unknown = await parent.click('SOMETHING_ELSE');
    expect(unknown.reply?.Content).toContain(t('zh-CN', 'flows.menu.prompt').slice(0, 6));
  });

  it('an unsubscribe is recorded and needs no answer', async () => {
    const parent = world.follower('oParent0006');
    await parent.subscribe();
    const gone = await parent.unsubscribe();
    expect(gone.body).toBe('success');
    const [identity] = await world.harness.deps.database.db.select().from(channelIdentities);
    expect(identity?.unreachableSince).toBe(world.harness.clock.now());
    // Following again makes them reachable again (a minute later: the same second would be a redelivery).
    world.harness.clock.advance(60_000);
    await parent.subscribe();
    const [back] = await world.harness.deps.database.db.select().from(channelIdentities);
    expect(back?.unreachableSince).toBeNull();
  });

  it('a photo sent when none is asked for is not downloaded', async () => {
    const parent = world.follower('oParent0007');
    await parent.subscribe();
    const photo = await parent.image(TINY_PNG, 'image/png');
    expect(photo.reply?.Content).toBe(t('zh-CN', 'limits.photo_not_expected'));
    expect(world.simulator.calls.filter((call) => call.path === '/cgi-bin/media/get')).toHaveLength(0);
    expect(await world.harness.deps.database.db.select().from(chatUploads)).toHaveLength(0);
  });

  it('signs as documented: SHA-1 of token, timestamp and nonce sorted and joined', async () => {
    // hashlib.sha1(b'1409304348mingbaitokenxxxxxx'), computed outside this code base.
    const expected = '85667c4f63c7a66e1e55b86dd1c120719d41089f';
    expect(sha1Signature(['mingbaitoken', '1409304348', 'xxxxxx'])).toBe(expected);
    const { wechatSignature } = await import('../../src/channels/wechat-oa/signature.js');
    expect(await wechatSignature(['xxxxxx', 'mingbaitoken', '1409304348'])).toBe(expected);
  });
});
