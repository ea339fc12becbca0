import type { AppDeps } from '../platform/ports.js';
import type { ChannelSender, DeliveryChannel } from './channel-sender.js';
import { webChatSender } from './web-chat-sender.js';

/** The channels this deployment can send on. LINE and WeChat senders are added here when they exist. */
export function channelSenders(
  deps: Pick<AppDeps, 'database' | 'clock'>,
): Partial<Record<DeliveryChannel, ChannelSender>> {
  return { web: webChatSender(deps) };
}
