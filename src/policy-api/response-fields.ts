import type { Context } from 'hono';
import * as z from 'zod';
import { ApiError } from '../http/api-error.js';
import type { AskResult } from '../policy/index.js';
import type { ProgrammeResultView } from './eligibility-response.js';

// `?fields=answer,confidence`: a client that shows a card needs a few fields, not the whole 15 KB answer.
// Without `fields` the response is exactly the documented full form.

/** Fields of an /api/ask answer a client may ask for (all of its top-level fields). */
export const ASK_FIELDS = [
  'answer',
  'programIds',
  'topMatch',
  'intent',
  'facts',
  'figures',
  'citations',
  'sources',
  'confidence',
  'score',
  'suggestions',
  'catalog',
  'locale',
] as const satisfies readonly (keyof AskResult | 'catalog' | 'locale')[];

/** Fields of each /api/eligibility result a client may ask for (the envelope is small and always sent). */
export const RESULT_FIELDS = [
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
  'sources',
  'text',
] as const satisfies readonly (keyof ProgrammeResultView)[];

/** A comma-separated list of known field names, each at most once, at least one. */
export function fieldsQuerySchema<const Field extends string>(allowed: readonly [Field, ...Field[]]) {
  return z
    .string()
    .max(500)
    .transform((raw) => raw.split(',').map((name) => name.trim()))
    .pipe(
      z
        .array(z.enum(allowed))
        .min(1)
        .transform((names) => [...new Set(names)]),
    )
    .describe(
      `Comma-separated fields to return, e.g. ${allowed.slice(0, 2).join(',')}. One of: ${allowed.join(', ')}.`,
    );
}

/**
 * Reads the `fields` query parameter: undefined for the full response; a bad list is 400 `unknown_field`.
 * Made once per endpoint, since building the zod schema costs far more than checking a request with it.
 */
export function fieldsQueryReader<const Field extends string>(allowed: readonly [Field, ...Field[]]) {
  const schema = fieldsQuerySchema(allowed);
  return (c: Context): readonly Field[] | undefined => readFieldsQuery(c, allowed, schema);
}

function readFieldsQuery<const Field extends string>(
  c: Context,
  allowed: readonly [Field, ...Field[]],
  schema: ReturnType<typeof fieldsQuerySchema<Field>>,
): readonly Field[] | undefined {
  const raw = c.req.query('fields');
  if (raw === undefined) return undefined;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const unknown = raw
      .split(',')
      .map((name) => name.trim())
      .filter((name) => !allowed.some((field) => field === name))
      .slice(0, 10);
    throw new ApiError(
      400,
      'unknown_field',
      'The fields parameter names a field this endpoint does not have.',
      {
        unknown,
        allowed,
      },
    );
  }
  return parsed.data;
}

/** Only the named fields of `value`; all of them when `fields` is undefined. */
export function pickFields<Value extends object, Field extends keyof Value>(
  value: Value,
  fields: readonly Field[] | undefined,
): Partial<Value> {
  if (!fields) return value;
  const picked: Partial<Value> = {};
  for (const field of fields) picked[field] = value[field];
  return picked;
}

/** The `fields` query parameter as the OpenAPI document describes it. */
export function fieldsParameter(allowed: readonly [string, ...string[]], description: string) {
  // The wire form is one string; the names it may list are in the description (as fieldsQuerySchema's).
  const schema = {
    type: 'string' as const,
    maxLength: 500,
    description: `Comma-separated, e.g. ${allowed.slice(0, 2).join(',')}. One of: ${allowed.join(', ')}.`,
  };
  return {
    name: 'fields',
    in: 'query' as const,
    required: false,
    description: `${description} Without it the full response is sent. An unknown name is 400 unknown_field (details.allowed lists the names).`,
    schema,
  };
}
