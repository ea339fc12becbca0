import { boundChildren } from '../../binding/binding-service.js';
import type { Action } from './action.js';
import { clearedEligibilityVars } from './eligibility-vars.js';

/** Starts (or restarts) a check: forgets earlier answers and offers the children this person is bound to. */
export const eligibilityStart: Action = async ({ deps, identity }) => {
  const children = await boundChildren(deps, identity);
  return {
    ok: true,
    vars: {
      ...clearedEligibilityVars(),
      childCount: children.length,
      childOptions: children.map((child) => ({
        value: child.bindingId,
        label: `${child.studentMasked} · ${child.schoolName} ${child.className}`,
      })),
    },
  };
};
