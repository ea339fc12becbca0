import { audit } from '../../audit/audit-log.js';
import { lookupBindingCode } from '../../binding/binding-service.js';
import { type Attempt, isAuditedRefusal, rateLimiter } from '../../util/rate-limit.js';
import type { Action } from './action.js';

// Guessing codes must be hopeless: a few wrong tries per chat identity and per address, then a pause.
const PER_IDENTITY = { limit: 5, windowMs: 15 * 60_000 };
const PER_ADDRESS = { limit: 20, windowMs: 60 * 60_000 };

/**
 * Looks up a typed binding code and, if it is good, shows whose it is (masked) for the parent to confirm.
 * The attempt is counted before the lookup, atomically, so parallel guesses cannot get past the limits; a good
 * code gives its slot back (with the turn's own write), so parents binding several children from one school
 * network are not locked out.
 */
export const checkBindingCode: Action = async ({ deps, identity, clientIp, vars }) => {
  const identityLimit = rateLimiter(deps, PER_IDENTITY);
  const addressLimit = rateLimiter(deps, PER_ADDRESS);
  const identityKey = `bind:${identity.channel}:${identity.id}`;
  const addressKey = `bind-ip:${clientIp ?? 'unknown'}`;
  const actorId = `${identity.channel}:${identity.id}`;
  const locked = async (attempt: Attempt, limit: number) => {
    if (isAuditedRefusal(attempt, limit)) {
      await audit(deps, {
        actorType: 'guardian',
        actorId,
        action: 'binding.locked',
        details: { refusedSoFar: attempt.count - limit },
        ip: clientIp,
      });
    }
    return { ok: true, next: 'locked' } as const;
  };
  const byIdentity = await identityLimit.attempt(identityKey);
  if (!byIdentity.allowed) return locked(byIdentity, PER_IDENTITY.limit);
  // Counted only for chats not locked already: one locked chat typing on must not use up a school network's share.
  const byAddress = await addressLimit.attempt(addressKey);
  if (!byAddress.allowed) return locked(byAddress, PER_ADDRESS.limit);
  const code = typeof vars.code === 'string' ? vars.code : '';
  const found = await lookupBindingCode(deps, code);
  if (found.status !== 'ok') {
    // Checked failures are bounded by the limits above, so this cannot flood the audit log.
    await audit(deps, {
      actorType: 'guardian',
      actorId,
      action: 'binding.code_rejected',
      details: { reason: found.status },
      ip: clientIp,
    });
    return { ok: false, errorKey: `flows.bind.code_${found.status}` };
  }
  return {
    ok: true,
    // Committed with the turn, in its atomic write: no write (and no wait for the disk) of their own.
    statements: [
      identityLimit.refundStatement(identityKey, byIdentity),
      addressLimit.refundStatement(addressKey, byAddress),
    ],
    vars: {
      // The code itself is not kept in the conversation; its hash is enough to use it up.
      code: null,
      codeHash: found.codeHash,
      student: found.studentMasked,
      className: found.className,
      schoolName: found.schoolName,
    },
  };
};
