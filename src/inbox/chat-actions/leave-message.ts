import type { Action } from '../../conversation/actions/action.js';
import { t } from '../../i18n/index.js';
import { leaveMessageStatements } from '../leave-message.js';
import { resolveRecipient } from '../recipients.js';

/**
 * Files the parent's message for the people their pick resolves to (checked again now: a child unlinked
 * meanwhile no longer counts) and tells them who will read it and when to expect an answer.
 */
export const leaveMessage: Action = async ({ deps, identity, conversationId, state, vars }) => {
  if (typeof vars.topic !== 'string' || typeof vars.message !== 'string') {
    return { ok: false, errorKey: 'errors.action_failed' };
  }
  const choice = typeof vars.recipient === 'string' ? vars.recipient : '';
  const resolved = await resolveRecipient(deps, identity, choice, state.locale);
  if (!resolved) return { ok: true, next: 'nobody' };
  const { statements } = await leaveMessageStatements(deps, {
    identity,
    conversationId,
    recipient: resolved.recipient,
    topic: vars.topic,
    body: vars.message,
    uploadId: typeof vars.photo === 'string' ? vars.photo : null,
  });
  return {
    ok: true,
    statements,
    messages: [{ type: 'text', text: t(state.locale, 'inbox.sent', { recipient: resolved.label }) }],
  };
};
