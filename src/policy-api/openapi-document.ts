import * as z from 'zod';
import { LOCALES } from '../i18n/index.js';
import { CATEGORY_IDS, STAGE_IDS, VERIFICATIONS } from '../policy/index.js';
import { AskRequestSchema, EligibilityRequestSchema } from './request-schemas.js';
import { ASK_FIELDS, fieldsQuerySchema, RESULT_FIELDS } from './response-fields.js';

// The public HTTP API as an OpenAPI 3.1 document. Request bodies of the policy endpoints come from the very
// zod schemas that validate them; the rest is written by hand. test/policy-api/openapi.test.ts checks that
// every public route of the app is listed here.

type JsonSchema = Record<string, unknown>;

function fromZod(schema: z.ZodType): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' });
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: JsonSchema) => ({ 'application/json': { schema } });
const errorResponse = (description: string) => ({ description, content: json(ref('Error')) });
const string: JsonSchema = { type: 'string' };
const strings: JsonSchema = { type: 'array', items: string };
const verification: JsonSchema = { type: 'string', enum: [...VERIFICATIONS] };
const locale: JsonSchema = { type: 'string', enum: [...LOCALES] };
const bearer = [{ chatToken: [] }];
const conversationId = { name: 'id', in: 'path', required: true, schema: string };

const schemas: Record<string, JsonSchema> = {
  Error: {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: {
            type: 'string',
            description: 'Stable code: invalid_json, invalid_body, body_too_large, catalog_not_found, …',
          },
          message: { type: 'string', description: 'For people; may change.' },
          details: {},
        },
      },
    },
  },
  EligibilityRequest: fromZod(EligibilityRequestSchema),
  Sources: {
    type: 'object',
    description:
      "Where an answer or result comes from: the figures' effective date, the documents and how sure we are.",
    required: ['verification', 'verificationLabel', 'summary', 'showLabel', 'documents'],
    properties: {
      effective: {
        type: 'object',
        required: ['from', 'label'],
        properties: {
          from: { type: 'string', description: 'YYYY-MM-DD: first day the quoted figures apply' },
          label: { type: 'string', description: 'e.g. 2024年春季学期起' },
        },
      },
      verification: {
        ...verification,
        description: 'Weakest status among the quoted figures and main document',
      },
      verificationLabel: string,
      summary: { type: 'string', description: 'One line: effective date · document · status' },
      showLabel: { type: 'string', description: 'Label of the control that expands the list: 查看依据' },
      documents: {
        type: 'array',
        items: {
          type: 'object',
          required: ['documentId', 'title', 'issuer', 'verification', 'text'],
          properties: {
            documentId: string,
            title: string,
            number: string,
            issuer: string,
            date: { type: 'string', description: 'YYYY, YYYY-MM or YYYY-MM-DD' },
            verification,
            text: { type: 'string', description: 'One line for the citation list' },
          },
        },
      },
    },
  },
  Citation: {
    type: 'object',
    required: ['documentId', 'title', 'issuer', 'verification'],
    properties: {
      documentId: string,
      title: string,
      number: string,
      issuer: string,
      date: string,
      clause: string,
      verification,
    },
  },
  ProgrammeResult: {
    type: 'object',
    required: [
      'programId',
      'name',
      'verdict',
      'amount',
      'reasons',
      'missing',
      'applicationRequired',
      'materials',
      'howToApply',
      'payment',
      'contact',
      'needsLocalConfirmation',
      'citations',
      'text',
    ],
    properties: {
      programId: string,
      name: string,
      verdict: { type: 'string', enum: ['likely', 'needs_check', 'unlikely'] },
      amount: {
        oneOf: [
          { type: 'null' },
          {
            type: 'object',
            required: ['text', 'options'],
            properties: {
              text: { type: 'string', description: 'e.g. 每年1500元 (元/年 or 元/学期)' },
              options: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['label', 'text', 'inForce', 'effectiveFrom', 'verification'],
                  properties: {
                    label: string,
                    text: string,
                    inForce: { type: 'boolean' },
                    effectiveFrom: string,
                    effectiveTo: string,
                    verification,
                  },
                },
              },
            },
          },
        ],
      },
      reasons: strings,
      missing: {
        type: 'array',
        items: {
          type: 'object',
          required: ['field', 'affects', 'question'],
          properties: {
            field: string,
            affects: { type: 'string', enum: ['verdict', 'amount'] },
            question: string,
          },
        },
      },
      applicationRequired: { type: 'boolean' },
      materials: strings,
      howToApply: string,
      payment: string,
      contact: string,
      needsLocalConfirmation: {
        type: 'boolean',
        description: 'A figure is secondary or unverified; the text then says 请以当地资助中心公布为准.',
      },
      citations: { type: 'array', items: ref('Citation') },
      sources: { oneOf: [{ type: 'null' }, ref('Sources')] },
      text: {
        type: 'string',
        description: 'Short sentences ending with the anti-fraud line and the hotline.',
      },
    },
  },
  EligibilityResponse: {
    type: 'object',
    required: ['catalog', 'asOf', 'locale', 'results', 'notice'],
    properties: {
      catalog: ref('CatalogRef'),
      asOf: { type: 'string', description: 'YYYY-MM-DD (Beijing)' },
      locale,
      results: { type: 'array', items: ref('ProgrammeResult') },
      notice: {
        type: 'object',
        required: ['antiFraud', 'hotline'],
        properties: { antiFraud: string, hotline: { type: ['string', 'null'] } },
      },
    },
  },
  CatalogRef: {
    type: 'object',
    required: ['id', 'version'],
    properties: { id: string, version: string },
  },
  AskRequest: fromZod(AskRequestSchema),
  AskResponse: {
    type: 'object',
    required: [
      'answer',
      'programIds',
      'citations',
      'confidence',
      'suggestions',
      'catalog',
      'locale',
      'intent',
      'facts',
      'figures',
      'sources',
    ],
    properties: {
      answer: string,
      programIds: strings,
      citations: { type: 'array', items: ref('Citation') },
      confidence: {
        type: 'string',
        enum: ['high', 'medium', 'low'],
        description: 'Low answers name no programme; they point to the guided check and the aid officer.',
      },
      score: { type: 'number' },
      topMatch: {
        type: 'object',
        description:
          'What the answer is about. overview: a bare school stage (id is the stage); out_of_scope: a programme ' +
          'run by another body (雨露计划, university grants; id names it); small_talk: greeting, thanks, human, ' +
          'goodbye or vague. More kinds may be added.',
        properties: {
          kind: {
            type: 'string',
            enum: ['programme', 'glossary', 'faq', 'overview', 'out_of_scope', 'small_talk'],
          },
          id: string,
        },
      },
      intent: { type: 'string', enum: ['general', 'amount', 'how_to_apply', 'definition'] },
      facts: {
        type: 'object',
        description: 'Facts the question stated about the child; they select the figures quoted.',
        required: ['categories'],
        properties: {
          stage: { type: 'string', enum: [...STAGE_IDS] },
          boarding: { type: 'boolean' },
          residence: { type: 'string', enum: ['rural', 'urban'] },
          categories: { type: 'array', items: { type: 'string', enum: [...CATEGORY_IDS] } },
        },
      },
      figures: {
        type: 'array',
        description: 'The figures the answer quotes: only the one that applies when the facts decide it.',
        items: {
          type: 'object',
          required: ['label', 'text', 'effectiveFrom', 'inForce', 'verification'],
          properties: {
            label: string,
            text: string,
            yuan: { type: 'number', description: 'Money figures only (the average for tiers)' },
            effectiveFrom: string,
            inForce: { type: 'boolean' },
            verification,
          },
        },
      },
      sources: { oneOf: [{ type: 'null' }, ref('Sources')] },
      suggestions: {
        type: 'array',
        items: {
          type: 'object',
          required: ['kind', 'label'],
          properties: {
            kind: { type: 'string', enum: ['eligibility_check', 'contact_officer', 'programme', 'faq'] },
            id: string,
            label: string,
          },
        },
      },
      catalog: ref('CatalogRef'),
      locale,
    },
  },
  SourceNote: {
    type: 'object',
    required: ['summary', 'label', 'items'],
    properties: { summary: string, label: string, items: strings },
  },
  OutboundMessage: {
    description: 'A message from Mingbai, already in the conversation language.',
    oneOf: [
      {
        type: 'object',
        required: ['type', 'text'],
        properties: { type: { const: 'text' }, text: string, sources: ref('SourceNote') },
      },
      {
        type: 'object',
        required: ['type', 'text', 'choices'],
        properties: {
          type: { const: 'choices' },
          text: string,
          choices: {
            type: 'array',
            items: {
              type: 'object',
              required: ['label', 'value'],
              properties: { label: string, value: string },
            },
          },
        },
      },
      {
        type: 'object',
        required: ['type', 'title', 'body', 'buttons'],
        properties: {
          type: { const: 'card' },
          title: string,
          body: { type: 'string', description: 'The whole card as plain text' },
          sections: {
            type: 'array',
            description: 'Optional rich form of body: programmes grouped by verdict',
            items: {
              type: 'object',
              required: ['group', 'items'],
              properties: {
                group: string,
                items: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['heading', 'lines'],
                    properties: {
                      heading: string,
                      lines: strings,
                      detail: { type: 'object', properties: { label: string, items: strings } },
                      sources: ref('SourceNote'),
                    },
                  },
                },
              },
            },
          },
          footer: strings,
          buttons: {
            type: 'array',
            items: {
              type: 'object',
              required: ['label'],
              properties: { label: string, value: string, url: string },
            },
          },
        },
      },
      {
        type: 'object',
        required: ['type', 'text'],
        properties: {
          type: { const: 'image_request' },
          text: string,
          skip: { type: 'object', properties: { label: string, value: string } },
        },
      },
      {
        type: 'object',
        required: ['type', 'text', 'url', 'label'],
        properties: { type: { const: 'link' }, text: string, url: string, label: string },
      },
    ],
  },
  ChatReply: {
    type: 'object',
    required: ['conversationId', 'locale', 'messages'],
    properties: {
      conversationId: string,
      locale,
      messages: { type: 'array', items: ref('OutboundMessage') },
    },
  },
  ChatEvent: {
    oneOf: [
      {
        type: 'object',
        required: ['type', 'text'],
        additionalProperties: false,
        properties: { type: { const: 'text' }, text: { type: 'string', minLength: 1, maxLength: 2000 } },
      },
      {
        type: 'object',
        required: ['type', 'value'],
        additionalProperties: false,
        properties: { type: { const: 'choice' }, value: { type: 'string', minLength: 1, maxLength: 200 } },
      },
    ],
  },
  BoundChild: {
    type: 'object',
    properties: {
      bindingId: string,
      studentId: string,
      studentMasked: string,
      className: string,
      schoolName: string,
      schoolId: string,
      relation: string,
    },
  },
};

const badInput = {
  '400': errorResponse('invalid_json or invalid_body (details list each problem)'),
  '413': errorResponse('body_too_large (over 16 KB)'),
};
// `?fields=` on the two policy endpoints (src/policy-api/response-fields.ts): the parameter and its 400.
const fieldsParameter = (allowed: readonly [string, ...string[]], description: string) => ({
  name: 'fields',
  in: 'query',
  required: false,
  description: `${description} Without it the full response is sent. An unknown name is 400 unknown_field (details.allowed lists the names).`,
  schema: fromZod(fieldsQuerySchema(allowed)),
});
const withFields = {
  '400': errorResponse(
    'invalid_json, invalid_body (details list each problem) or unknown_field (in `fields`)',
  ),
  '413': badInput['413'],
};

const chatAuthErrors = {
  '401': errorResponse('missing_token'),
  '404': errorResponse('conversation_not_found'),
};

const paths = {
  '/healthz': {
    get: {
      summary: 'Liveness, database and schema check',
      responses: {
        '200': {
          description: 'The database answers and has every migration this version needs',
          content: json({
            type: 'object',
            properties: {
              status: { const: 'ok' },
              schema: {
                type: 'object',
                properties: { applied: { type: 'integer' }, expected: { type: 'integer' } },
              },
              time: string,
            },
          }),
        },
        '503': {
          description:
            'The database does not answer (`unavailable`), lacks migrations (`schema_outdated`), or a Worker setting is invalid (`misconfigured`)',
          content: json({ type: 'object' }),
        },
      },
    },
  },
  '/openapi.json': {
    get: {
      summary: 'This document',
      responses: { '200': { description: 'OpenAPI 3.1', content: json({ type: 'object' }) } },
    },
  },
  '/api/eligibility': {
    post: {
      summary: 'Which aid programmes a child likely qualifies for, with amounts, reasons and what is missing',
      description: `Stages: ${STAGE_IDS.join(', ')}. Household categories: ${CATEGORY_IDS.join(', ')}. Never a final decision: the school determines hardship.`,
      parameters: [
        fieldsParameter(
          RESULT_FIELDS,
          'Only these fields in each entry of `results` (catalog, asOf, locale and notice are always sent).',
        ),
      ],
      requestBody: { required: true, content: json(ref('EligibilityRequest')) },
      responses: {
        '200': {
          description: 'One result per programme of the catalogue',
          content: json(ref('EligibilityResponse')),
        },
        ...withFields,
        '404': errorResponse('catalog_not_found (details.available lists the ids)'),
      },
    },
  },
  '/api/ask': {
    post: {
      summary: 'Answers a free-text question from the catalogue, its FAQ and glossary (zh-CN, zh-TW, en)',
      description:
        'When unsure (confidence low) the answer says so and suggests the guided check and the school aid officer.',
      parameters: [fieldsParameter(ASK_FIELDS, 'Only these top-level fields of the answer.')],
      requestBody: { required: true, content: json(ref('AskRequest')) },
      responses: {
        '200': { description: 'The answer', content: json(ref('AskResponse')) },
        ...withFields,
        '404': errorResponse('catalog_not_found'),
      },
    },
  },
  '/api/chat/conversations': {
    post: {
      summary: 'Starts a web chat conversation',
      requestBody: {
        content: json({ type: 'object', additionalProperties: false, properties: { locale } }),
      },
      responses: {
        '201': {
          description: 'The greeting and main menu, plus the bearer token for later calls',
          content: json({
            allOf: [ref('ChatReply'), { type: 'object', required: ['token'], properties: { token: string } }],
          }),
        },
        ...badInput,
      },
    },
  },
  '/api/chat/conversations/{id}/messages': {
    post: {
      summary: 'Sends a text or a button choice',
      security: bearer,
      parameters: [conversationId],
      requestBody: { required: true, content: json(ref('ChatEvent')) },
      responses: {
        '200': { description: 'Replies', content: json(ref('ChatReply')) },
        ...badInput,
        ...chatAuthErrors,
        '409': errorResponse('conversation_busy'),
      },
    },
    get: {
      summary: 'Reads the conversation history',
      security: bearer,
      parameters: [
        conversationId,
        { name: 'after', in: 'query', schema: { type: 'integer', minimum: 0 }, description: 'Last seq seen' },
      ],
      responses: {
        '200': {
          description: 'Messages after `after`, oldest first (at most 500)',
          content: json({
            type: 'object',
            properties: {
              messages: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    seq: { type: 'integer' },
                    direction: { type: 'string', enum: ['in', 'out'] },
                    createdAt: string,
                    payload: {},
                  },
                },
              },
            },
          }),
        },
        '400': errorResponse('bad_request'),
        ...chatAuthErrors,
      },
    },
  },
  '/api/chat/conversations/{id}/images': {
    post: {
      summary: 'Sends a photo (JPEG, PNG, WebP, GIF, HEIC)',
      security: bearer,
      parameters: [conversationId],
      requestBody: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: {
              type: 'object',
              required: ['file'],
              properties: { file: { type: 'string', contentMediaType: 'application/octet-stream' } },
            },
          },
        },
      },
      responses: {
        '201': {
          description: 'Stored and handed to the conversation',
          content: json({
            allOf: [
              ref('ChatReply'),
              {
                type: 'object',
                properties: {
                  upload: {
                    type: 'object',
                    properties: { id: string, contentType: string, size: { type: 'integer' } },
                  },
                },
              },
            ],
          }),
        },
        '400': errorResponse('bad_request'),
        '413': errorResponse('body_too_large'),
        '415': errorResponse('unsupported_media_type'),
        ...chatAuthErrors,
      },
    },
  },
  '/api/chat/conversations/{id}/uploads/{uploadId}': {
    get: {
      summary: 'Reads back a photo sent in this conversation (every read is logged)',
      security: bearer,
      parameters: [conversationId, { name: 'uploadId', in: 'path', required: true, schema: string }],
      responses: {
        '200': { description: 'The image bytes', content: { 'image/*': { schema: { type: 'string' } } } },
        '401': errorResponse('missing_token'),
        '404': errorResponse('conversation_not_found or upload_not_found'),
      },
    },
  },
  '/api/chat/conversations/{id}/children': {
    get: {
      summary: 'The children this conversation is bound to (names masked)',
      security: bearer,
      parameters: [conversationId],
      responses: {
        '200': {
          description: 'Bound children',
          content: json({
            type: 'object',
            properties: { children: { type: 'array', items: ref('BoundChild') } },
          }),
        },
        ...chatAuthErrors,
      },
    },
  },
  '/api/chat/conversations/{id}/notices': {
    get: {
      summary: 'Notices delivered into this conversation and not opened yet (for the unread marker)',
      security: bearer,
      parameters: [conversationId],
      responses: {
        '200': {
          description: 'Unread notices, newest version of each',
          content: json({
            type: 'object',
            required: ['unread'],
            properties: {
              unread: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['url', 'title'],
                  properties: {
                    url: { type: 'string', description: 'The guardian link /n/<token>' },
                    title: string,
                  },
                },
              },
            },
          }),
        },
        ...chatAuthErrors,
      },
    },
  },
  '/api/chat/conversations/{id}/children/{bindingId}': {
    delete: {
      summary: 'Unbinds a child',
      security: bearer,
      parameters: [conversationId, { name: 'bindingId', in: 'path', required: true, schema: string }],
      responses: {
        '204': { description: 'Unbound' },
        '401': errorResponse('missing_token'),
        '404': errorResponse('conversation_not_found or binding_not_found'),
      },
    },
  },
};

/** Built once at module load: the document is static. */
export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: '明白 Mingbai API',
    version: '0.1.0',
    description:
      'Student-aid assistant. Every policy answer carries the anti-fraud reminder (资助不收取任何费用) and the configured 资助中心 phone.',
  },
  paths,
  components: {
    schemas,
    securitySchemes: {
      chatToken: {
        type: 'http',
        scheme: 'bearer',
        description: 'The token from POST /api/chat/conversations',
      },
    },
  },
} as const;
