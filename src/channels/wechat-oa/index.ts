// WeChat Official Account (服务号) channel: the webhook, the API client, the notice sender, and the pieces the
// Wechaty adapter shares (a WeChat user's conversation, a turn through the engine, replies as text).

export { type OfficialAccountApi, officialAccountApi, WechatApiError } from './official-account-api.js';
export { runOfficialAccountMessageJob } from './official-account-job.js';
export { type OfficialAccountSettings, officialAccountSettings } from './official-account-settings.js';
export { officialAccountWebhook } from './official-account-webhook.js';
export { type WechatUser, wechatAddress } from './wechat-identity.js';
export { registerWechatyOutlet, type WechatyOutlet, wechatSender } from './wechat-sender.js';
export { splitUtf8, wechatText } from './wechat-text.js';
export { runWechatTurn, type WechatInbound, type WechatTurn } from './wechat-turn.js';
