import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decryptWechatMessage, encryptWechatMessage } from '../../src/channels/wechat-oa/safe-mode-crypto.js';
import { conversations } from '../../src/db/schema.js';
import { t } from '../../src/i18n/index.js';
import {
  decryptFromWechat,
  encryptForWechat,
  messageXml,
  sha1Signature,
} from '../../tools/wechat-sim/index.js';
import { makeWechatWorld, OA, type WechatWorld } from './wechat-world.js';

const GREETING = t('zh-CN', 'chat.greeting');

describe('safe mode crypto (Web Crypto) against node:crypto', () => {
  it('decrypts what WeChat encrypts, for every padding length', async () => {
    // 32-byte padding blocks: lengths around each boundary exercise pads of 1 to 32 bytes.
    for (let extra = 0; extra < 40; extra++) {
      const xml = `<xml><Content><![CDATA[你好${'a'.repeat(extra)}]]></Content></xml>`;
      const encrypted = encryptForWechat(OA.encodingAesKey, OA.appId, xml);
      expect(await decryptWechatMessage(OA.encodingAesKey, OA.appId, encrypted)).toBe(xml);
      const ours = await encryptWechatMessage(OA.encodingAesKey, OA.appId, xml);
      expect(decryptFromWechat(OA.encodingAesKey, ours)).toEqual({ xml, appId: OA.appId });
    }
  });

  it('refuses a message for another AppID, a cut one and one that is not base64', async () => {
    const other = encryptForWechat(OA.encodingAesKey, 'wxffffffffffffffff', '<xml/>');
    await expect(decryptWechatMessage(OA.encodingAesKey, OA.appId, other)).rejects.toThrow(/another AppID/);
    const good = encryptForWechat(OA.encodingAesKey, OA.appId, '<xml/>');
    await expect(decryptWechatMessage(OA.encodingAesKey, OA.appId, good.slice(0, 20))).rejects.toThrow();
    await expect(decryptWechatMessage(OA.encodingAesKey, OA.appId, '***')).rejects.toThrow();
  });
});

describe('Official Account webhook, safe mode', () => {
  let world: WechatWorld;
  beforeEach(async () => {
    world = await makeWechatWorld({ safeMode: true });
  });
  afterEach(() => world.close());

  it('reads encrypted messages and answers encrypted and signed', async () => {
    const parent = world.follower('oSafe00001');
    const answer = await parent.subscribe();
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('<Encrypt>');
    expect(answer.body).not.toContain(GREETING);
    // The sender checked MsgSignature and the AppID while decrypting.
    expect(answer.reply?.Content).toContain(GREETING);
  });

  it('refuses a wrong msg_signature, a body changed after signing, and a plaintext body', async () => {
    const parent = world.follower('oSafe00002');
    const request = parent.sign(parent.textFields('菜单'));
    const wrong = await parent.deliver({
      ...request,
      query: { ...request.query, msg_signature: '0'.repeat(40) },
    });
    expect(wrong.status).toBe(401);
    const altered = encryptForWechat(OA.encodingAesKey, OA.appId, messageXml(parent.textFields('别的内容')));
    const swapped = await parent.deliver({
      ...request,
      body: messageXml({ ToUserName: OA.originalId, Encrypt: altered }),
    });
    expect(swapped.status).toBe(401);
    const plain = await parent.deliver({ ...request, body: messageXml(parent.textFields('菜单')) });
    expect(plain.status).toBe(400);
    // Correctly signed, but encrypted for another account.
    const foreign = encryptForWechat(
      OA.encodingAesKey,
      'wxffffffffffffffff',
      messageXml(parent.textFields('x')),
    );
    const { timestamp, nonce } = request.query as { timestamp: string; nonce: string };
    const foreignAnswer = await parent.deliver({
      query: { ...request.query, msg_signature: sha1Signature([OA.token, timestamp, nonce, foreign]) },
      body: messageXml({ ToUserName: OA.originalId, Encrypt: foreign }),
    });
    expect(foreignAnswer.status).toBe(400);
    expect(await world.harness.deps.database.db.select().from(conversations)).toHaveLength(0);
  });
});
