import { chatMessages } from '../db/schema.js';
import type { AppDeps, AtomicStatement } from '../platform/ports.js';
import type { OutboundMessage } from './messages.js';

/**
 * Adds a message Mingbai sends on its own (a staff reply, later a notice) to a conversation's transcript,
 * where the web chat shows it the next time the parent opens it. This is the seam for the delivery
 * pipeline: channels that push (LINE, WeChat) will enqueue a send for the same message next to this row.
 * Not async on purpose: it returns the statement for the caller's atomic write.
 */
export function appendOutboundMessage(
  deps: Pick<AppDeps, 'database' | 'clock'>,
  conversationId: string,
  message: OutboundMessage,
): AtomicStatement {
  return deps.database.db.insert(chatMessages).values({
    conversationId,
    direction: 'out',
    payload: JSON.stringify(message),
    createdAt: deps.clock.now(),
  });
}
