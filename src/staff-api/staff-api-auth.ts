import type { MiddlewareHandler } from 'hono';
import type { StaffActor } from '../auth/staff-actor.js';
import { ApiError } from '../http/api-error.js';
import { documented, errorResponse } from '../openapi/index.js';
import type { AppDeps } from '../platform/ports.js';
import { staffActorForApiToken } from './api-token-store.js';

export type StaffApiEnv = { Variables: { staffActor: StaffActor; apiTokenId: string } };

/**
 * `Authorization: Bearer mbst_…` on every /api/staff route. Console cookies are never accepted here, so a
 * page on another site cannot make a logged-in browser call the API.
 */
export function staffApiAuth(deps: AppDeps): MiddlewareHandler<StaffApiEnv> {
  const middleware: MiddlewareHandler<StaffApiEnv> = async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!token) {
      throw new ApiError(401, 'missing_token', 'Send a staff API token as "Authorization: Bearer …".');
    }
    const found = await staffActorForApiToken(deps, token);
    if (!found) {
      throw new ApiError(
        401,
        'invalid_token',
        'This token is unknown, revoked or expired, or its account changed.',
      );
    }
    c.set('staffActor', found.actor);
    c.set('apiTokenId', found.tokenId);
    await next();
  };
  // Used once for the whole /api/staff app, so every staff route's OpenAPI entry gets the scheme and errors.
  return documented(middleware, {
    security: [{ staffToken: [] }],
    responses: {
      '401': errorResponse('missing_token or invalid_token'),
      '403': errorResponse('forbidden: the token’s role may not do this'),
    },
  });
}
