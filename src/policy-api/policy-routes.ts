import { Hono } from 'hono';
import { ApiError } from '../http/api-error.js';
import { readJsonBody } from '../http/read-json-body.js';
import type { AppDeps } from '../platform/ports.js';
import { evaluateEligibility } from '../policy/index.js';
import { answerPolicyQuestion } from './answer-question.js';
import { eligibilityResponse } from './eligibility-response.js';
import { AskRequestSchema, EligibilityRequestSchema } from './request-schemas.js';
import { availableCatalogIds, resolveCatalog } from './resolve-catalog.js';
import { ASK_FIELDS, pickFields, RESULT_FIELDS, readFieldsQuery } from './response-fields.js';

async function unknownCatalog(deps: AppDeps, id: string): Promise<never> {
  throw new ApiError(404, 'catalog_not_found', `There is no catalogue "${id}".`, {
    available: await availableCatalogIds(deps),
  });
}

/** POST /api/eligibility and POST /api/ask: the policy layer over HTTP, the same on Node and Workers. */
export function policyApi(deps: AppDeps) {
  const api = new Hono();

  api.post('/eligibility', async (c) => {
    const fields = readFieldsQuery(c, RESULT_FIELDS);
    const body = await readJsonBody(c, EligibilityRequestSchema);
    const resolved = await resolveCatalog(deps, body.catalog);
    if (!resolved) return unknownCatalog(deps, body.catalog ?? '');
    const locale = body.locale ?? deps.config.DEFAULT_LOCALE;
    const result = evaluateEligibility(
      resolved.catalog,
      { child: body.child, household: body.household },
      body.asOf ?? new Date(deps.clock.now()),
    );
    return c.json(eligibilityResponse(resolved.catalog, result, locale, deps.config.AID_HOTLINE, fields));
  });

  api.post('/ask', async (c) => {
    const fields = readFieldsQuery(c, ASK_FIELDS);
    const body = await readJsonBody(c, AskRequestSchema);
    const locale = body.locale ?? deps.config.DEFAULT_LOCALE;
    const answer = await answerPolicyQuestion(deps, {
      question: body.question,
      locale,
      catalogId: body.catalog,
      asOf: body.asOf,
    });
    if (!answer) return unknownCatalog(deps, body.catalog ?? '');
    return c.json(pickFields({ ...answer, locale }, fields));
  });

  return api;
}
