import { boundChildren } from '../../binding/binding-service.js';
import type { Action, ActionResult } from '../../conversation/actions/action.js';
import { t } from '../../i18n/index.js';
import { DISTRICT_CHOICE, resolveRecipient } from '../recipients.js';

/**
 * Starts "contact the aid teacher": a parent with bound children picks which child the message is about
 * (or the district aid centre); a parent with none writes to the district aid centre straight away.
 */
export const contactRecipients: Action = async ({ deps, identity, state }): Promise<ActionResult> => {
  const children = await boundChildren(deps, identity);
  if (children.length === 0) {
    const resolved = await resolveRecipient(deps, identity, DISTRICT_CHOICE, state.locale);
    if (!resolved) return { ok: true, next: 'nobody' };
    return {
      ok: true,
      vars: { childCount: 0, recipient: DISTRICT_CHOICE, recipientLabel: resolved.label },
    };
  }
  return {
    ok: true,
    vars: {
      childCount: children.length,
      recipientOptions: [
        ...children.map((child) => ({
          value: child.bindingId,
          label: t(state.locale, 'inbox.choice_child', {
            student: child.studentMasked,
            className: child.className,
          }),
        })),
        { value: DISTRICT_CHOICE, label: t(state.locale, 'inbox.choice_district') },
      ],
    },
  };
};
