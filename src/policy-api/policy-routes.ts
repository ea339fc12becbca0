import { Hono } from 'hono';
import { ApiError } from '../http/api-error.js';
import { errorResponse, jsonBody, jsonResponse, operation } from '../openapi/index.js';
import type { AppDeps } from '../platform/ports.js';
import { CATEGORY_IDS, STAGE_IDS } from '../policy/index.js';
import { answerPolicyQuestion } from './answer-question.js';
import { eligibilityAnswerJson } from './eligibility-answer-memo.js';
import { AskRequestSchema, EligibilityRequestSchema } from './request-schemas.js';
import { availableCatalogIds, resolveCatalog } from './resolve-catalog.js';
import {
  ASK_FIELDS,
  fieldsParameter,
  fieldsQueryReader,
  pickFields,
  RESULT_FIELDS,
} from './response-fields.js';
import { AskResponseSchema, EligibilityResponseSchema } from './response-schemas.js';

async function unknownCatalog(deps: AppDeps, id: string): Promise<never> {
  throw new ApiError(404, 'catalog_not_found', `There is no catalogue "${id}".`, {
    available: await availableCatalogIds(deps),
  });
}

const readResultFields = fieldsQueryReader(RESULT_FIELDS);
const readAskFields = fieldsQueryReader(ASK_FIELDS);

const withFields = {
  '400': errorResponse(
    'invalid_json, invalid_body (details list each problem) or unknown_field (in `fields`; details.allowed lists the names)',
  ),
  '413': errorResponse('body_too_large (over 16 KB)'),
};

/** POST /api/eligibility and POST /api/ask: the policy layer over HTTP, the same on Node and Workers. */
export function policyApi(deps: AppDeps) {
  const api = new Hono();

  api.post(
    '/eligibility',
    operation({
      summary: 'Which aid programmes a child likely qualifies for, with amounts, reasons and what is missing',
      description: `Stages: ${STAGE_IDS.join(', ')}. Household categories: ${CATEGORY_IDS.join(', ')}. Never a final decision: the school determines hardship.`,
      tags: ['policy'],
      parameters: [
        fieldsParameter(
          RESULT_FIELDS,
          'Only these fields in each entry of `results` (catalog, asOf, locale and notice are always sent).',
        ),
      ],
      responses: {
        '200': jsonResponse('One result per programme of the catalogue', EligibilityResponseSchema),
        ...withFields,
        '404': errorResponse('catalog_not_found (details.available lists the ids)'),
      },
    }),
    jsonBody(EligibilityRequestSchema),
    async (c) => {
      const fields = readResultFields(c);
      const body = c.req.valid('json');
      const resolved = await resolveCatalog(deps, body.catalog);
      if (!resolved) return unknownCatalog(deps, body.catalog ?? '');
      const json = eligibilityAnswerJson(resolved.catalog, {
        profile: { child: body.child, household: body.household },
        asOf: body.asOf ?? new Date(deps.clock.now()),
        locale: body.locale ?? deps.config.DEFAULT_LOCALE,
        hotline: deps.config.AID_HOTLINE,
        fields,
      });
      return c.body(json, 200, { 'content-type': 'application/json' });
    },
  );

  api.post(
    '/ask',
    operation({
      summary: 'Answers a free-text question from the catalogue, its FAQ and glossary (zh-CN, zh-TW, en)',
      description:
        'When unsure (confidence low) the answer says so and suggests the guided check and the school aid officer.',
      tags: ['policy'],
      parameters: [fieldsParameter(ASK_FIELDS, 'Only these top-level fields of the answer.')],
      responses: {
        '200': jsonResponse('The answer', AskResponseSchema),
        ...withFields,
        '404': errorResponse('catalog_not_found'),
      },
    }),
    jsonBody(AskRequestSchema),
    async (c) => {
      const fields = readAskFields(c);
      const body = c.req.valid('json');
      const locale = body.locale ?? deps.config.DEFAULT_LOCALE;
      const answer = await answerPolicyQuestion(deps, {
        question: body.question,
        locale,
        catalogId: body.catalog,
        asOf: body.asOf,
      });
      if (!answer) return unknownCatalog(deps, body.catalog ?? '');
      return c.json(pickFields({ ...answer, locale }, fields));
    },
  );

  return api;
}
