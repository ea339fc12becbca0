import type { Env, Hono, Schema } from 'hono';
import { generateSpecs } from 'hono-openapi';
import * as z from 'zod';
import { jsonResponse, operation } from './describe-operation.js';

const DOCUMENTATION = {
  info: {
    title: '明白 Mingbai API',
    version: '0.2.0',
    description:
      'Student-aid assistant. Every policy answer carries the anti-fraud reminder (资助不收取任何费用) and the configured 资助中心 phone. Errors are `{ "error": { "code", "message", "details"? } }` with a stable `code`.',
  },
  components: {
    securitySchemes: {
      chatToken: {
        type: 'http' as const,
        scheme: 'bearer',
        description: 'The token from POST /api/chat/conversations.',
      },
      staffToken: {
        type: 'http' as const,
        scheme: 'bearer',
        description:
          'A staff API token created in the console (API 令牌). It acts with its owner’s role and is refused once revoked, expired, or when the owner’s role or account changes.',
      },
    },
  },
};

export const describeOpenApiDocument = operation({
  summary: 'This document (OpenAPI 3.1), generated from the schemas that validate each route',
  responses: { '200': jsonResponse('OpenAPI 3.1', z.object({ openapi: z.string() }).passthrough()) },
});

/**
 * GET /openapi.json for the whole app: built on first request by walking the routes `app` registered and the
 * descriptions their middlewares carry (describe-operation.ts, validated-input.ts), then kept.
 */
export function openApiDocumentHandler<E extends Env, S extends Schema>(app: Hono<E, S>) {
  let document: Promise<unknown> | undefined;
  return async (c: { json: (value: unknown) => Response }) => {
    document ??= generateSpecs(app, {
      documentation: DOCUMENTATION,
      // Our 400s are the shared error body, documented per route; not the library's own shape.
      defaultValidationErrorResponse: false,
      excludeStaticFile: false,
    }).then(withoutRepeatedSecurity);
    return c.json(await document);
  };
}

/**
 * A middleware used for a whole sub-app (the staff token check) is merged into each described handler of a
 * route, so a route with a body schema lists its scheme twice; once is what it means.
 */
function withoutRepeatedSecurity<D extends { paths?: Record<string, unknown> }>(document: D): D {
  for (const operations of Object.values(document.paths ?? {})) {
    for (const entry of Object.values(operations as Record<string, { security?: unknown[] }>)) {
      if (!entry.security) continue;
      const seen = new Set<string>();
      entry.security = entry.security.filter((each) => {
        const key = JSON.stringify(each);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    }
  }
  return document;
}
