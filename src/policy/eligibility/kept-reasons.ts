import { createCatalogMemo } from '../render/catalog-memo.js';
import type { Reason } from './message.js';

// A reason is worked out from catalogue objects only (a condition, a route, a programme), never from the child's
// own data, and a parsed catalogue never changes. So each reason is built once per catalogue object and shared,
// frozen, by every answer that gives it: fewer allocations per answer, and the HTTP answer memo can name a reason
// by identity (objectKey) instead of writing out its content.

// Keyed by the catalogue object a reason comes from: a few variants each, far under the memo's bound.
const kept = createCatalogMemo<Reason>();

/** The reason `make` builds for `owner` in this `variant` (what else it depends on), built the first time. */
export function keptReason(owner: object, variant: string, make: () => Reason): Reason {
  return kept.get(owner, variant, () => freeze(make()));
}

/** A reason that depends on nothing. */
export function fixedReason(reason: Reason): Reason {
  return freeze(reason);
}

/** Frozen so no answer can change what others share; catalogue text inside (a route's label) is left as it is. */
function freeze(reason: Reason): Reason {
  if (reason.params) Object.freeze(reason.params);
  return Object.freeze(reason);
}
