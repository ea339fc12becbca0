import { unbindStatements } from '../../binding/binding-service.js';
import type { Action } from './action.js';

export const unbindChild: Action = async ({ deps, identity, vars }) => {
  if (typeof vars.bindingId !== 'string') return { ok: false, errorKey: 'errors.action_failed' };
  const statements = await unbindStatements(deps, identity, vars.bindingId);
  if (!statements) return { ok: false, errorKey: 'flows.children.already_gone' };
  return { ok: true, statements };
};
