import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wechatSender } from '../../src/channels/wechat-oa/index.js';
import { type RunningWechaty, startWechaty } from '../../src/channels/wechaty/index.js';
import { createConversationEngine } from '../../src/conversation/conversation-engine.js';
import { loadFlows } from '../../src/conversation/flow-registry.js';
import { channelIdentities, chatUploads } from '../../src/db/schema.js';
import { t } from '../../src/i18n/index.js';
import { makeTestDeps } from '../support/test-deps.js';

// The Wechaty adapter driven through wechaty-puppet-mock: a parent's contact writes to the bot, checks what
// their child may get by typing numbers, and sends a photo at the step that asks for one.

const JPEG = readFileSync(join(import.meta.dirname, '../fixtures/documents/gps-orientation-6.jpg'));

describe('Wechaty adapter with wechaty-puppet-mock', { timeout: 60_000 }, () => {
  let harness: ReturnType<typeof makeTestDeps>;
  let running: RunningWechaty;
  // biome-ignore lint/suspicious/noExplicitAny: the mocker's own types come from an optional package.
  let mocker: any;
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  let parent: any;
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  let botUser: any;
  const received: string[] = [];

  /** Sends as the parent and waits until the bot has answered (its replies arrive as messages to the parent). */
  const exchange = async (something: unknown): Promise<string> => {
    const before = received.length;
    parent.say(something).to(botUser);
    for (let waited = 0; waited < 10_000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      // Settled: something arrived and nothing more for a moment.
      if (received.length > before) {
        const count = received.length;
        await new Promise((resolve) => setTimeout(resolve, 80));
        if (received.length === count) break;
      }
    }
    return received.slice(before).join('\n');
  };

  beforeAll(async () => {
    harness = makeTestDeps({ PUBLIC_URL: 'https://mingbai.example.edu.cn' });
    const { PuppetMock, mock } = await import('wechaty-puppet-mock');
    mocker = new mock.Mocker();
    const puppet = new PuppetMock({ mocker });
    const engine = createConversationEngine(harness.deps, loadFlows());
    running = await startWechaty(harness.deps, engine, { puppet });
    botUser = mocker.createContact({ name: '明白助手' });
    mocker.login(botUser);
    parent = mocker.createContact({ name: '王爸爸' });
    parent.on('message', (message: { text(): string; talker(): { id: string } }) => {
      if (message.talker().id === botUser.id) received.push(message.text());
    });
  });
  afterAll(async () => {
    await running?.stop();
    harness?.close();
  });

  it('greets a new contact and walks the aid check by typed numbers', async () => {
    const greeting = await exchange('你好');
    expect(greeting).toContain(t('zh-CN', 'chat.greeting'));
    let reply = await exchange('1');
    for (let guard = 0; guard < 15 && !reply.includes('【'); guard++) {
      expect(reply).toContain(t('zh-CN', 'wechat.reply_number'));
      reply = await exchange('1');
    }
    expect(reply).toContain('【');
    expect(reply).toContain('资助不收取任何费用');
    const [identity] = await harness.deps.database.db.select().from(channelIdentities);
    expect(identity).toMatchObject({ channel: 'wechat', externalId: parent.id, address: `wy:${parent.id}` });
  });

  it('takes a photo at the step that asks for one, through the document pipeline', async () => {
    const { FileBox } = await import('file-box');
    const early = await exchange(FileBox.fromBase64(JPEG.toString('base64'), 'early.jpg'));
    expect(early).toContain(t('zh-CN', 'limits.photo_not_expected'));
    expect(await harness.deps.database.db.select().from(chatUploads)).toHaveLength(0);

    await exchange('联系资助老师');
    await exchange('1');
    const ask = await exchange('寄宿生补助什么时候发？');
    expect(ask).toContain(t('zh-CN', 'wechat.send_photo'));
    const after = await exchange(FileBox.fromBase64(JPEG.toString('base64'), 'document.jpg'));
    expect(after).toContain('寄宿生补助什么时候发？');
    const uploads = await harness.deps.database.db.select().from(chatUploads);
    expect(uploads).toHaveLength(1);
    const stored = await harness.deps.blobs.get(uploads[0]!.blobKey);
    expect(stored?.contentType).toBe('image/jpeg');
    expect(stored!.bytes.length).toBeLessThan(JPEG.length);
  });

  it('answers voice and other message kinds politely, without a second identity', async () => {
    const { FileBox } = await import('file-box');
    const voice = await exchange(
      FileBox.fromBase64(Buffer.from('not audio').toString('base64'), 'voice.silk'),
    );
    expect(voice).toBe(t('zh-CN', 'wechat.unsupported'));
    const rows = await harness.deps.database.db
      .select()
      .from(channelIdentities)
      .where(eq(channelIdentities.externalId, parent.id));
    expect(rows).toHaveLength(1);
  });

  it('delivers a notice to a Wechaty contact through the logged-in bot', async () => {
    const before = received.length;
    const result = await wechatSender(harness.deps).send([
      {
        id: 'ob_test_1',
        idempotencyKey: 'notice:test:1',
        channel: 'wechat',
        address: `wy:${parent.id}`,
        payload: JSON.stringify([
          {
            type: 'card',
            title: '资助政策明白卡',
            body: '测试小学发来一份通知',
            buttons: [{ label: '查看', url: '/n/abc' }],
          },
        ]),
      },
      {
        id: 'ob_test_2',
        idempotencyKey: 'notice:test:2',
        channel: 'wechat',
        address: 'wy:nobody',
        payload: '[]',
      },
    ]);
    expect(result.outcomes.get('ob_test_1')).toEqual({ status: 'sent' });
    expect(result.outcomes.get('ob_test_2')).toEqual({ status: 'failed', reason: 'unknown_wechat_user' });
    for (let waited = 0; waited < 2_000 && received.length === before; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(received.slice(before).join('\n')).toContain('查看：https://mingbai.example.edu.cn/n/abc');
  });
});
