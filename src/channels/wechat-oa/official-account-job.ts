import { type ConversationEngine, createConversationEngine } from '../../conversation/conversation-engine.js';
import { loadFlows } from '../../conversation/flow-registry.js';
import type { AppDeps } from '../../platform/ports.js';
import { sendTurnByApi, turnTexts } from './deliver-turn.js';
import { forgetMessage } from './forget-message.js';
import { sharedOfficialAccountApi } from './official-account-api.js';
import { handleOfficialAccountMessage } from './official-account-inbound.js';
import { officialAccountSettings } from './official-account-settings.js';

const engines = new WeakMap<AppDeps, ConversationEngine>();

/**
 * The wechat_oa_message job: a message the webhook stored but did not finish (the process died, or the worker
 * claimed it first). Answered through the customer-service API, since the 5-second window is gone.
 */
export async function runOfficialAccountMessageJob(
  deps: AppDeps,
  fields: Record<string, string>,
  jobId: string,
): Promise<void> {
  const settings = officialAccountSettings(deps.config);
  if (!settings) {
    deps.logger.warn('wechat message job without an Official Account configured: dropped');
    return;
  }
  let engine = engines.get(deps);
  if (!engine) {
    engine = createConversationEngine(deps, loadFlows());
    engines.set(deps, engine);
  }
  const api = sharedOfficialAccountApi(settings);
  const handled = await handleOfficialAccountMessage({ deps, engine, settings, api }, fields);
  if (handled) await sendTurnByApi(deps, api, handled.openId, turnTexts(settings, handled.turn));
  await forgetMessage(deps, jobId);
}
