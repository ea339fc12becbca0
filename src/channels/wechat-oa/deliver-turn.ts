import type { AppDeps } from '../../platform/ports.js';
import type { OfficialAccountApi } from './official-account-api.js';
import type { OfficialAccountSettings } from './official-account-settings.js';
import { splitUtf8, wechatText } from './wechat-text.js';
import type { WechatTurn } from './wechat-turn.js';

/** WeChat's limit for one text message (passive or customer-service) is 2,048 bytes; keep a margin. */
export const MAX_TEXT_BYTES = 2_000;

/** The turn's replies as WeChat texts, each within the size limit. */
export function turnTexts(settings: OfficialAccountSettings, turn: WechatTurn): string[] {
  if (turn.messages.length === 0) return [];
  const text = wechatText(turn.messages, {
    locale: turn.locale,
    publicUrl: settings.publicUrl,
    links: 'html',
  });
  return splitUtf8(text, MAX_TEXT_BYTES);
}

/** Sends a turn's replies through the customer-service API (the 5-second window has passed, or they are long). */
export async function sendTurnByApi(
  deps: Pick<AppDeps, 'logger'>,
  api: OfficialAccountApi,
  openId: string,
  texts: readonly string[],
): Promise<boolean> {
  try {
    for (const text of texts) await api.sendCustomText(openId, text);
    return true;
  } catch (error) {
    // The turn is saved already: sending it again would answer the same message twice. Logged, not retried.
    deps.logger.error('wechat customer-service reply failed', { error });
    return false;
  }
}
