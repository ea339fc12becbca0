import type { AppConfig } from '../../config.js';

export interface OfficialAccountSettings {
  appId: string;
  appSecret: string;
  token: string;
  /** Set: 安全模式 (every message encrypted). Unset: 明文模式. */
  encodingAesKey: string | undefined;
  apiBase: string;
  publicUrl: string | undefined;
  templateId: string | undefined;
  templateFields: string[];
  replyWithinMs: number;
  maxSkewSeconds: number;
}

/** The Official Account's settings, or null when this deployment has none (the webhook is then not mounted). */
export function officialAccountSettings(config: AppConfig): OfficialAccountSettings | null {
  const { WECHAT_OA_APP_ID: appId, WECHAT_OA_APP_SECRET: appSecret, WECHAT_OA_TOKEN: token } = config;
  if (!appId || !appSecret || !token) return null;
  return {
    appId,
    appSecret,
    token,
    encodingAesKey: config.WECHAT_OA_ENCODING_AES_KEY,
    apiBase: config.WECHAT_OA_API_BASE,
    publicUrl: config.PUBLIC_URL,
    templateId: config.WECHAT_OA_NOTICE_TEMPLATE_ID,
    templateFields: config.WECHAT_OA_TEMPLATE_FIELDS.split(','),
    replyWithinMs: config.WECHAT_OA_REPLY_WITHIN_MS,
    maxSkewSeconds: config.WECHAT_OA_MAX_SKEW_SECONDS,
  };
}
