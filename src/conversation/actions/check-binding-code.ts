import { audit } from '../../audit/audit-log.js';
import { lookupBindingCode } from '../../binding/binding-service.js';
import { rateLimiter } from '../../util/rate-limit.js';
import type { Action } from './action.js';

// Guessing codes must be hopeless: a few wrong tries per chat identity and per address, then a pause.
const PER_IDENTITY = { limit: 5, windowMs: 15 * 60_000 };
const PER_ADDRESS = { limit: 20, windowMs: 60 * 60_000 };

/** Looks up a typed binding code and, if it is good, shows whose it is (masked) for the parent to confirm. */
export const checkBindingCode: Action = async ({ deps, identity, clientIp, vars }) => {
  const identityLimit = rateLimiter(deps, PER_IDENTITY);
  const addressLimit = rateLimiter(deps, PER_ADDRESS);
  const identityKey = `bind:${identity.channel}:${identity.id}`;
  const addressKey = `bind-ip:${clientIp ?? 'unknown'}`;
  const actorId = `${identity.channel}:${identity.id}`;
  if ((await identityLimit.isBlocked(identityKey)) || (await addressLimit.isBlocked(addressKey))) {
    await audit(deps, { actorType: 'guardian', actorId, action: 'binding.locked', ip: clientIp });
    return { ok: true, next: 'locked' };
  }
  const code = typeof vars.code === 'string' ? vars.code : '';
  const found = await lookupBindingCode(deps, code);
  if (found.status !== 'ok') {
    await identityLimit.recordFailure(identityKey);
    await addressLimit.recordFailure(addressKey);
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
