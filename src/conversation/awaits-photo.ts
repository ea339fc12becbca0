import type { ConversationState } from './conversation-state.js';
import type { FlowSet } from './validate-flows.js';

/**
 * True only when the conversation's current step asks for a photo. Channels check this before storing an
 * uploaded image, so a photo nobody asked for is never kept.
 */
export function awaitsPhoto(flows: FlowSet, state: ConversationState | null): boolean {
  if (!state || state.resumePending) return false;
  return flows.get(state.flow)?.steps[state.step]?.type === 'ask_photo';
}
