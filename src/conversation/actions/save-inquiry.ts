import { maskBindingCodes } from '../../binding/mask-codes.js';
import { inquiries } from '../../db/schema.js';
import { newId } from '../../util/ids.js';
import type { Action } from './action.js';

/** Files the parent's question for the aid officer, with the optional photo they sent in this conversation. */
export const saveInquiry: Action = async ({ deps, conversationId, vars }) => {
  if (typeof vars.topic !== 'string' || typeof vars.message !== 'string') {
    return { ok: false, errorKey: 'errors.action_failed' };
  }
  const statement = deps.database.db.insert(inquiries).values({
    id: newId('inq_'),
    conversationId,
    topic: vars.topic,
    // The officer reads this: a binding code pasted into the question is masked like in the transcript.
    message: await maskBindingCodes(deps, vars.message),
    uploadId: typeof vars.photo === 'string' ? vars.photo : null,
    createdAt: deps.clock.now(),
  });
  return { ok: true, statements: [statement] };
};
