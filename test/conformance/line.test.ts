import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DeliveredMessage,
  type LineSimulator,
  lineEvents,
  lineSignature,
  sendWebhook,
  startLineSimulator,
  type WebhookEvent,
  webhookBody,
} from '../../tools/line-sim/index.js';
import { nodeTarget, type Target, workerTarget } from '../support/targets.js';

// The LINE channel on both runtimes, with the real SDK pointed at the simulator: the webhook's signature is
// checked with Web Crypto (401 otherwise), events run through the jobs table (in-process worker on Node,
// Cloudflare Queues on workerd), each answered once even when LINE redelivers it, and a photo sent as a LINE
// image is downloaded and stored (disk on Node, R2 on workerd).

const SECRET = 'conformance-line-secret';
const TOKEN = 'conformance-line-token';
const PHOTO = readFileSync(join(import.meta.dirname, '../fixtures/documents/gps-orientation-6.jpg'));

let sim: LineSimulator;
const simulator = startLineSimulator({ channelAccessToken: TOKEN, channelId: '1657000000' }).then(
  (started) => {
    sim = started;
    return started;
  },
);
const settings = async () => {
  const { url } = await simulator;
  return {
    SEED_DEMO: 'false',
    LINE_CHANNEL_SECRET: SECRET,
    LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
    PUBLIC_URL: 'https://mingbai.example.edu.cn',
    LINE_API_BASE_URL: url,
    LINE_DATA_API_BASE_URL: url,
  };
};
const targets: [string, (vars: Record<string, string>) => Target][] = [
  ['node', (vars) => nodeTarget(vars)],
  ['worker', (vars) => workerTarget(vars)],
];

describe.each(targets)('LINE on %s', (_name, makeTarget) => {
  let target: Target;
  beforeAll(async () => {
    target = makeTarget(await settings());
    await target.start();
  }, 180_000);
  afterAll(async () => {
    await target?.dispose();
  });

  const post = (body: string, signature?: string | null) =>
    sendWebhook(`${target.baseUrl}/webhook/line`, SECRET, body, { signature });

  /** Waits until the user has received at least `count` more messages than before. */
  async function received(userId: string, before: number, count = 1): Promise<DeliveredMessage[]> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const now = sim.messagesTo(userId);
      if (now.length >= before + count) {
        // A little longer, so that a duplicate would have arrived too.
        await new Promise((resolve) => setTimeout(resolve, 300));
        return sim.messagesTo(userId).slice(before);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no message for ${userId} within 30 s:\n${target.output().slice(-3000)}`);
  }
  const act = async (userId: string, event: (replyToken: string) => WebhookEvent) => {
    const before = sim.messagesTo(userId).length;
    const response = await post(webhookBody([event(sim.issueReplyToken(userId))]));
    expect(response.status).toBe(200);
    return received(userId, before);
  };

  it('refuses a forged, a missing and an altered signature with 401', async () => {
    const user = sim.addUser();
    const body = webhookBody([lineEvents.text(user.userId, '你好', { replyToken: 'x' })]);
    expect((await post(body, lineSignature(body, 'wrong-secret'))).status).toBe(401);
    expect((await post(body, null)).status).toBe(401);
    expect((await post(body.replace('你好', '您好'), lineSignature(body, SECRET))).status).toBe(401);
  });

  it('answers a new friend once by reply token, even when LINE redelivers the event', async () => {
    const user = sim.addUser({ language: 'zh-TW' });
    const follow = lineEvents.follow(user.userId, { replyToken: sim.issueReplyToken(user.userId) });
    expect((await post(webhookBody([follow]))).status).toBe(200);
    const first = await received(user.userId, 0);
    expect(first.every((message) => message.via === 'reply')).toBe(true);
    const again = webhookBody([{ ...follow, deliveryContext: { isRedelivery: true } }]);
    expect((await post(again)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(sim.messagesTo(user.userId)).toHaveLength(first.length);
  });

  it('takes a photo sent as a LINE image at the step that asks for one', async () => {
    const user = sim.addUser({ language: 'zh-CN' });
    await act(user.userId, (replyToken) => lineEvents.follow(user.userId, { replyToken }));
    await act(user.userId, (replyToken) =>
      lineEvents.postback(user.userId, 'choice:contact', { replyToken }),
    );
    await act(user.userId, (replyToken) => lineEvents.postback(user.userId, 'choice:policy', { replyToken }));
    const asked = await act(user.userId, (replyToken) =>
      lineEvents.text(user.userId, '寄宿生补助什么时候发？', { replyToken }),
    );
    const quickReply = asked.at(-1)?.message.quickReply as
      | { items: { action: { type: string } }[] }
      | undefined;
    expect(quickReply?.items.map((item) => item.action.type)).toContain('camera');
    const id = `photo-${target.name}`;
    sim.addContent(id, PHOTO, 'image/jpeg');
    const after = await act(user.userId, (replyToken) => lineEvents.image(user.userId, id, { replyToken }));
    expect(JSON.stringify(after)).not.toContain('没有保存');
    expect(sim.received.some((request) => request.path === `/v2/bot/message/${id}/content`)).toBe(true);
  });
});

afterAll(async () => {
  await (await simulator).close();
});
