import { type ConversationEngine, createConversationEngine } from '../../conversation/conversation-engine.js';
import { loadFlows } from '../../conversation/flow-registry.js';
import type { JobContext } from '../../delivery/index.js';
import type { AppDeps } from '../../platform/ports.js';
import { handleLineEvent } from './handle-line-event.js';
import { isLineConfigured } from './line-api.js';
import type { LineEvent } from './webhook-schema.js';

const engines = new WeakMap<AppDeps, ConversationEngine>();

/** The line_event job: one webhook event through the same conversation engine every channel uses. */
export async function runLineEvent(
  deps: AppDeps,
  event: LineEvent,
  job: Pick<JobContext, 'completeWith'> = {},
): Promise<void> {
  const config = deps.config;
  if (!isLineConfigured(config)) throw new Error('a LINE event arrived but LINE is not configured');
  let engine = engines.get(deps);
  if (!engine) {
    engine = createConversationEngine(deps, loadFlows());
    engines.set(deps, engine);
  }
  await handleLineEvent({ ...deps, config }, engine, event, job);
}
