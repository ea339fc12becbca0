import { bindStatements, RELATIONS, type Relation } from '../../binding/binding-service.js';
import type { Action } from './action.js';

const isRelation = (value: unknown): value is Relation => RELATIONS.some((relation) => relation === value);

/** Uses the confirmed code up and binds this chat identity to the child, in the same write as the step. */
export const bindStudent: Action = async ({ deps, identity, vars }) => {
  if (typeof vars.codeHash !== 'string' || !isRelation(vars.relation)) {
    return { ok: false, errorKey: 'errors.action_failed' };
  }
  const bound = await bindStatements(deps, identity, vars.codeHash, vars.relation);
  if (!bound) return { ok: false, errorKey: 'flows.bind.code_used' };
  return { ok: true, statements: bound.statements, vars: { codeHash: null } };
};
