import type { ConversationEngine } from '../../conversation/conversation-engine.js';
import type { AppDeps } from '../../platform/ports.js';
import type { OfficialAccountApi } from './official-account-api.js';
import type { OfficialAccountSettings } from './official-account-settings.js';
import { markUnfollowed, type WechatUser, wechatAddress } from './wechat-identity.js';
import { readWechatMessage } from './wechat-message.js';
import { runWechatTurn, type WechatInbound, type WechatTurn } from './wechat-turn.js';

/** Menu buttons (自定义菜单 CLICK) send their key; keys of the form cmd:… are the engine's global commands. */
const COMMAND_KEY = /^cmd:[a-z]{1,20}$/;

export interface InboundContext {
  deps: AppDeps;
  engine: ConversationEngine;
  settings: OfficialAccountSettings;
  api: OfficialAccountApi;
}

/**
 * One verified, decrypted message from the Official Account through the engine. Null when nothing is to be
 * answered (an unsubscribe, a menu link opened, a template delivery report).
 */
export async function handleOfficialAccountMessage(
  context: InboundContext,
  fields: Record<string, string>,
): Promise<{ turn: WechatTurn; openId: string; accountId: string } | null> {
  const { deps, engine, settings, api } = context;
  const parsed = readWechatMessage(fields);
  if (parsed.kind === 'invalid') return null;
  const message = parsed.message;
  const user: WechatUser = {
    via: 'official_account',
    account: settings.appId,
    externalId: message.FromUserName,
  };
  let inbound: WechatInbound | null;
  if (parsed.kind === 'other') inbound = { type: 'unsupported' };
  else {
    const known = parsed.message;
    switch (known.MsgType) {
      case 'text':
        inbound = { type: 'text', text: known.Content };
        break;
      case 'image':
        inbound = {
          type: 'image',
          download: async () => {
            try {
              return await api.downloadMedia(known.MediaId, deps.config.MAX_UPLOAD_BYTES);
            } catch (error) {
              deps.logger.warn('wechat media download failed', { error });
              return null;
            }
          },
        };
        break;
      case 'event':
        inbound = eventInbound(known.Event, known.EventKey);
        if (known.Event === 'unsubscribe') await markUnfollowed(deps, wechatAddress(user));
        break;
    }
  }
  if (!inbound) return null;
  const turn = await runWechatTurn(deps, engine, user, inbound);
  return { turn, openId: message.FromUserName, accountId: message.ToUserName };
}

function eventInbound(event: string, key: string | undefined): WechatInbound | null {
  switch (event) {
    case 'subscribe':
      return { type: 'follow' };
    case 'CLICK':
      return { type: 'choice', value: key && COMMAND_KEY.test(key) ? key : 'cmd:menu' };
    default:
      // unsubscribe, VIEW, SCAN, LOCATION, TEMPLATESENDJOBFINISH…: nothing to say.
      return null;
  }
}
