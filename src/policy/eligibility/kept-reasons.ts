import type { Reason } from './message.js';

// A reason is worked out from catalogue objects only (a condition, a route, a programme), never from the child's
// own data, and a parsed catalogue never changes. So each reason is built once per catalogue object and shared,
// frozen, by every answer that gives it: fewer allocations per answer, and the HTTP answer memo can name a reason
// by identity (objectKey) instead of writing out its content.

const kept = new WeakMap<object, Map<string, Reason>>();

/** The reason `make` builds for `owner` in this `variant` (what else it depends on), built the first time. */
export function keptReason(owner: object, variant: string, make: () => Reason): Reason {
  let reasons = kept.get(owner);
  if (!reasons) {
    reasons = new Map();
    kept.set(owner, reasons);
  }
  let reason = reasons.get(variant);
  if (!reason) {
    reason = freeze(make());
    reasons.set(variant, reason);
  }
  return reason;
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
