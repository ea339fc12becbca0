import { createConversationEngine } from '../../conversation/conversation-engine.js';
import { loadFlows } from '../../conversation/flow-registry.js';
import type { AppDeps } from '../../platform/ports.js';
import { type RunningWechaty, startWechaty } from './start-wechaty.js';

/**
 * The Node entry's way in: starts the bot with WECHATY_PUPPET. A missing package or a puppet that cannot start
 * is logged as an error and the rest of Mingbai keeps serving; notices for Wechaty contacts are then recorded
 * as failed (wechaty_not_running) and go to the family's other channels.
 */
export async function startWechatyFromConfig(deps: AppDeps): Promise<RunningWechaty | null> {
  const puppet = deps.config.WECHATY_PUPPET;
  if (!puppet) return null;
  try {
    const running = await startWechaty(deps, createConversationEngine(deps, loadFlows()), {
      puppet,
      puppetToken: deps.config.WECHATY_PUPPET_TOKEN,
    });
    deps.logger.info('wechaty started', { puppet });
    return running;
  } catch (error) {
    deps.logger.error('wechaty could not start (is the optional wechaty package and the puppet installed?)', {
      puppet,
      error,
    });
    return null;
  }
}
