import type { ChatIdentity } from '../../binding/binding-service.js';
import type { AppDeps, AtomicStatement } from '../../platform/ports.js';
import type { ConversationState, Vars } from '../conversation-state.js';
import type { ActionOutcome } from '../walker.js';

export interface ActionInput {
  deps: AppDeps;
  conversationId: string;
  /** Who is talking: for web chat the conversation itself, for LINE/WeChat the platform user. */
  identity: ChatIdentity;
  clientIp: string | null;
  state: ConversationState;
  vars: Vars;
}

/**
 * What an action hands back to the walker. Writes go in `statements`: they are committed in the same atomic
 * write as the conversation's new state, so an answer is never saved without the step that asked for it.
 */
export type ActionResult = ActionOutcome & { statements?: AtomicStatement[] };

export type Action = (input: ActionInput) => Promise<ActionResult>;
