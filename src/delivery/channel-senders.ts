import { wechatSender } from '../channels/wechat-oa/index.js';
import type { AppDeps } from '../platform/ports.js';
import type { ChannelSender, DeliveryChannel } from './channel-sender.js';
import { webChatSender } from './web-chat-sender.js';

/** The channels this deployment can send on. The LINE sender is added here when it exists. */
export function channelSenders(
  deps: Pick<AppDeps, 'config' | 'database' | 'clock' | 'logger'>,
): Partial<Record<DeliveryChannel, ChannelSender>> {
  return { web: webChatSender(deps), wechat: wechatSender(deps) };
}
