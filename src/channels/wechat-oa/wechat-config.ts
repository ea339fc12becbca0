import * as z from 'zod';

/** wrangler.toml vars are strings: an empty one means "not set". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/**
 * WeChat settings, spread into the app's config schema (src/config.ts). The Official Account webhook is on
 * when its app id, secret and token are all set; safe mode when the EncodingAESKey is set too.
 */
export const wechatConfig = {
  /** The Official Account's AppID (开发 → 基本配置), e.g. wx0123456789abcdef. */
  WECHAT_OA_APP_ID: optional(z.string().regex(/^wx[0-9a-zA-Z]{16}$/, 'an AppID such as wx0123456789abcdef')),
  /** AppSecret. Workers: `wrangler secret put WECHAT_OA_APP_SECRET`. */
  WECHAT_OA_APP_SECRET: optional(z.string().regex(/^[0-9a-zA-Z]{16,64}$/, 'the AppSecret from 基本配置')),
  /** The Token typed into 服务器配置 (3–32 letters or digits): signs every webhook request. */
  WECHAT_OA_TOKEN: optional(z.string().regex(/^[0-9a-zA-Z]{3,32}$/, '3 to 32 letters or digits')),
  /** EncodingAESKey (43 characters) for 安全模式; unset means 明文模式 (plain XML, signature only). */
  WECHAT_OA_ENCODING_AES_KEY: optional(z.string().regex(/^[0-9a-zA-Z]{43}$/, '43 letters or digits')),
  /** Where the Official Account API is; tests and the simulator point it at a loopback server. */
  WECHAT_OA_API_BASE: z
    .url({ protocol: /^https?$/ })
    .transform((value) => value.replace(/\/+$/, ''))
    .default('https://api.weixin.qq.com'),
  /**
   * A template (模板消息) for notices to followers outside the 48-hour customer-service window. Its fields:
   * WECHAT_OA_TEMPLATE_FIELDS names them in order: the notice title, then who it is for (school, masked name).
   */
  WECHAT_OA_NOTICE_TEMPLATE_ID: optional(z.string().regex(/^[0-9a-zA-Z_-]{10,64}$/, 'a template id')),
  WECHAT_OA_TEMPLATE_FIELDS: z
    .string()
    .regex(/^[a-z]+\d*(,[a-z]+\d*){0,4}$/, 'field names such as thing1,thing2,thing3')
    .default('thing1,thing2'),
  /** WeChat waits 5 s for an answer: replies ready by then go back in the response, later ones by the API. */
  WECHAT_OA_REPLY_WITHIN_MS: z.coerce.number().int().min(200).max(4500).default(4000),
  /** A signed request older or newer than this is refused as a replay. */
  WECHAT_OA_MAX_SKEW_SECONDS: z.coerce.number().int().min(30).max(3600).default(300),
  /**
   * Node only: start a Wechaty bot with this puppet (wechaty-puppet-service, wechaty-puppet-wechat4u,
   * wechaty-puppet-mock for tests). Personal-account puppets are for pilots only: see the README.
   */
  WECHATY_PUPPET: optional(
    z.string().regex(/^(@[a-z0-9-]+\/)?wechaty-puppet-[a-z0-9-]+$/, 'a puppet package'),
  ),
  /** The puppet's token, when it needs one (wechaty-puppet-service). */
  WECHATY_PUPPET_TOKEN: optional(z.string().min(1).max(200)),
};

interface WechatSettings {
  WECHAT_OA_APP_ID?: string;
  WECHAT_OA_APP_SECRET?: string;
  WECHAT_OA_TOKEN?: string;
  WECHAT_OA_ENCODING_AES_KEY?: string;
  PUBLIC_URL?: string;
}

/** Half a configuration is a mistake: say which setting is missing instead of running without it. */
export function checkWechatConfig(config: WechatSettings, ctx: z.RefinementCtx): void {
  const required = ['WECHAT_OA_APP_ID', 'WECHAT_OA_APP_SECRET', 'WECHAT_OA_TOKEN'] as const;
  const set = required.filter((key) => config[key] !== undefined);
  const enabled = set.length > 0 || config.WECHAT_OA_ENCODING_AES_KEY !== undefined;
  if (!enabled) return;
  for (const key of required) {
    if (config[key] === undefined)
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: 'required when the WeChat Official Account is set up',
      });
  }
  // Links in WeChat messages (a notice's page) must be absolute.
  if (config.PUBLIC_URL === undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['PUBLIC_URL'],
      message: 'required by the WeChat Official Account',
    });
}
