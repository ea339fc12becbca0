import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type OfficialAccountSimulator,
  SimulatedFollower,
  startOfficialAccountSimulator,
  verificationQuery,
} from '../../tools/wechat-sim/index.js';
import { TINY_PNG } from '../support/chat-client.js';
import { nodeTarget, type Target, workerTarget } from '../support/targets.js';

// The Official Account webhook in safe mode on both runtimes: Web Crypto SHA-1 and AES-CBC, the XML parser,
// the jobs table de-duplicating MsgIds, and a photo fetched from the simulated media API into the blob store.

const OA = {
  appId: 'wx0123456789abcdef',
  appSecret: 'simsecret0123456789abcdef0123456',
  token: 'mingbaitoken',
  originalId: 'gh_0123456789ab',
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
};

let simulator: OfficialAccountSimulator;
const vars = () => ({
  PUBLIC_URL: 'https://mingbai.example.edu.cn',
  WECHAT_OA_APP_ID: OA.appId,
  WECHAT_OA_APP_SECRET: OA.appSecret,
  WECHAT_OA_TOKEN: OA.token,
  WECHAT_OA_ENCODING_AES_KEY: OA.encodingAesKey,
  WECHAT_OA_API_BASE: simulator.baseUrl,
});
const targets: [string, () => Target][] = [
  ['node', () => nodeTarget(vars())],
  ['worker', () => workerTarget(vars())],
];

beforeAll(async () => {
  simulator = await startOfficialAccountSimulator({ ...OA, templateIds: [] });
});
afterAll(() => simulator.close());

describe.each(targets)('WeChat Official Account webhook on %s', (name, makeTarget) => {
  let target: Target;
  const follower = (openId: string) =>
    new SimulatedFollower(openId, {
      fetcher: (path, init) => fetch(`${target.baseUrl}${path}`, init),
      token: OA.token,
      appId: OA.appId,
      originalId: OA.originalId,
      encodingAesKey: OA.encodingAesKey,
      simulator,
    });

  beforeAll(async () => {
    target = makeTarget();
    await target.start();
  });
  afterAll(async () => {
    await target?.dispose();
  });

  it('answers the URL check, and refuses a forged one', async () => {
    const now = String(Math.floor(Date.now() / 1000));
    const good = await fetch(
      `${target.baseUrl}/webhook/wechat?${verificationQuery(OA.token, now, 'abc', 'e1')}`,
    );
    expect(await good.text()).toBe('e1');
    const forged = await fetch(
      `${target.baseUrl}/webhook/wechat?${verificationQuery('nottoken', now, 'abc', 'e1')}`,
    );
    expect(forged.status).toBe(401);
  });

  it('greets a follower in an encrypted passive reply, once per message', async () => {
    const parent = follower(`oConf${name}01`);
    simulator.follow(parent.openId);
    const request = parent.sign({
      ToUserName: OA.originalId,
      FromUserName: parent.openId,
      CreateTime: Math.floor(Date.now() / 1000),
      MsgType: 'event',
      Event: 'subscribe',
    });
    const first = await parent.deliver(request);
    expect(first.status).toBe(200);
    expect(first.reply?.Content).toContain('学生资助助手');
    const again = await parent.deliver(request);
    expect(again.body).toBe('success');
    const forged = await parent.deliver({
      ...request,
      query: { ...request.query, msg_signature: 'a'.repeat(40) },
    });
    expect(forged.status).toBe(401);
  });

  it('walks to a photo step and stores a photo fetched from the media API', async () => {
    const parent = follower(`oConf${name}02`);
    await parent.subscribe();
    expect((await parent.text('联系资助老师')).reply?.Content).toContain('1.');
    await parent.text('1');
    const ask = await parent.text('生活补助什么时候发？');
    expect(ask.reply?.Content).toContain('照片');
    const photo = await parent.image(TINY_PNG, 'image/png');
    expect(photo.status).toBe(200);
    expect(photo.reply?.Content).toContain('生活补助什么时候发？');
    expect(simulator.calls.some((call) => call.path === '/cgi-bin/media/get')).toBe(true);
  });
});
