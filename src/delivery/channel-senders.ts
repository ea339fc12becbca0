import { isLineConfigured } from '../channels/line/line-api.js';
import { lineSender } from '../channels/line/line-sender.js';
import { wechatSender } from '../channels/wechat-oa/wechat-sender.js';
import type { AppDeps } from '../platform/ports.js';
import type { ChannelSender, DeliveryChannel } from './channel-sender.js';
import { webChatSender } from './web-chat-sender.js';

/** The channels this deployment can send on: web chat always, LINE when its channel is configured, WeChat. */
export function channelSenders(
  deps: Pick<AppDeps, 'database' | 'clock' | 'config' | 'logger'>,
): Partial<Record<DeliveryChannel, ChannelSender>> {
  const config = deps.config;
  return {
    web: webChatSender(deps),
    wechat: wechatSender(deps),
    ...(isLineConfigured(config) ? { line: lineSender({ ...deps, config }) } : {}),
  };
}
