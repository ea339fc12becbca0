import { describe, expect, it } from 'vitest';
import { officialAccountSettings } from '../../src/channels/wechat-oa/index.js';
import { ConfigError, loadConfig } from '../../src/config.js';

const FULL = {
  PUBLIC_URL: 'https://mingbai.example.edu.cn',
  WECHAT_OA_APP_ID: 'wx0123456789abcdef',
  WECHAT_OA_APP_SECRET: 'secret0123456789abcdef0123456789',
  WECHAT_OA_TOKEN: 'mingbaitoken',
};

const problemsOf = (source: Record<string, string>) => {
  try {
    loadConfig(source);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.settings;
  }
};

describe('WeChat configuration', () => {
  it('is off when nothing is set, including empty wrangler vars', () => {
    expect(officialAccountSettings(loadConfig({}))).toBeNull();
    expect(
      officialAccountSettings(loadConfig({ WECHAT_OA_APP_ID: '', WECHAT_OA_NOTICE_TEMPLATE_ID: '' })),
    ).toBeNull();
  });

  it('is on with the three settings and PUBLIC_URL, in plain mode unless the AES key is set', () => {
    expect(officialAccountSettings(loadConfig(FULL))).toMatchObject({
      appId: FULL.WECHAT_OA_APP_ID,
      encodingAesKey: undefined,
      apiBase: 'https://api.weixin.qq.com',
      templateFields: ['thing1', 'thing2'],
    });
    const key = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
    expect(
      officialAccountSettings(loadConfig({ ...FULL, WECHAT_OA_ENCODING_AES_KEY: key }))?.encodingAesKey,
    ).toBe(key);
  });

  it('names what is missing from half a configuration, and refuses malformed values', () => {
    expect(problemsOf({ WECHAT_OA_APP_ID: FULL.WECHAT_OA_APP_ID })).toEqual(
      expect.arrayContaining(['WECHAT_OA_APP_SECRET', 'WECHAT_OA_TOKEN', 'PUBLIC_URL']),
    );
    const { PUBLIC_URL: _, ...withoutUrl } = FULL;
    expect(problemsOf(withoutUrl)).toEqual(['PUBLIC_URL']);
    expect(problemsOf({ ...FULL, WECHAT_OA_ENCODING_AES_KEY: 'short' })).toEqual([
      'WECHAT_OA_ENCODING_AES_KEY',
    ]);
    expect(problemsOf({ ...FULL, WECHAT_OA_APP_ID: 'not-an-appid' })).toEqual(['WECHAT_OA_APP_ID']);
    expect(problemsOf({ WECHATY_PUPPET: 'rm -rf /' })).toEqual(['WECHATY_PUPPET']);
    expect(problemsOf({ WECHATY_PUPPET: 'wechaty-puppet-service' })).toEqual([]);
  });
});
