import { createApp } from '../../src/app.js';
import {
  type OfficialAccountSimulator,
  SimulatedFollower,
  startOfficialAccountSimulator,
} from '../../tools/wechat-sim/index.js';
import { makeTestDeps } from '../support/test-deps.js';

// The real app on a temporary SQLite file, with its Official Account pointed at the loopback simulator.

export const OA = {
  appId: 'wx0123456789abcdef',
  appSecret: 'simsecret0123456789abcdef0123456',
  token: 'mingbaitoken',
  originalId: 'gh_0123456789ab',
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  templateId: 'TPL_notice_0123456789',
};

export interface WechatWorld {
  harness: ReturnType<typeof makeTestDeps>;
  app: ReturnType<typeof createApp>;
  simulator: OfficialAccountSimulator;
  follower(openId: string): SimulatedFollower;
  close(): Promise<void>;
}

export async function makeWechatWorld(
  options: { safeMode?: boolean; config?: Record<string, string> } = {},
): Promise<WechatWorld> {
  const simulator = await startOfficialAccountSimulator({
    appId: OA.appId,
    appSecret: OA.appSecret,
    originalId: OA.originalId,
    templateIds: [OA.templateId],
  });
  const harness = makeTestDeps({
    PUBLIC_URL: 'https://mingbai.example.edu.cn',
    WECHAT_OA_APP_ID: OA.appId,
    WECHAT_OA_APP_SECRET: OA.appSecret,
    WECHAT_OA_TOKEN: OA.token,
    WECHAT_OA_API_BASE: simulator.baseUrl,
    WECHAT_OA_NOTICE_TEMPLATE_ID: OA.templateId,
    ...(options.safeMode ? { WECHAT_OA_ENCODING_AES_KEY: OA.encodingAesKey } : {}),
    ...options.config,
  });
  simulator.setClock(harness.clock.now);
  const app = createApp(harness.deps);
  return {
    harness,
    app,
    simulator,
    follower: (openId) =>
      new SimulatedFollower(openId, {
        fetcher: async (path, init) => app.request(path, init),
        token: OA.token,
        appId: OA.appId,
        originalId: OA.originalId,
        encodingAesKey: options.safeMode ? OA.encodingAesKey : undefined,
        simulator,
        now: () => Math.floor(harness.clock.now() / 1000),
      }),
    async close() {
      harness.close();
      await simulator.close();
    },
  };
}
