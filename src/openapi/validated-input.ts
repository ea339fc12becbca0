import type { MiddlewareHandler } from 'hono';
import { resolver, uniqueSymbol } from 'hono-openapi';
import type * as z from 'zod';
import { ApiError } from '../http/api-error.js';
import { readJsonBody } from '../http/read-json-body.js';

// Validating middlewares that also describe what they validate: the one zod schema checks the request and
// becomes its entry in /openapi.json, so the two cannot disagree. Handlers read the result with
// `c.req.valid('json' | 'query' | 'param')`, typed from the schema.

type Validated<Target extends 'json' | 'query' | 'param', Schema extends z.ZodType> = MiddlewareHandler<
  // biome-ignore lint/suspicious/noExplicitAny: any env, like Hono's own validator
  any,
  string,
  { in: { [K in Target]: z.input<Schema> }; out: { [K in Target]: z.output<Schema> } }
>;

/**
 * A JSON request body. Bad JSON and a wrong shape are 400 `invalid_json` / `invalid_body` with every problem
 * listed; an empty body reads as `{}` (so `required: false` suits bodies whose fields are all optional).
 */
export function jsonBody<Schema extends z.ZodType>(
  schema: Schema,
  { required = true }: { required?: boolean } = {},
): Validated<'json', Schema> {
  const middleware: Validated<'json', Schema> = async (c, next) => {
    c.req.addValidatedData('json', (await readJsonBody(c, schema)) as object);
    await next();
  };
  const requestBody = { required, content: { 'application/json': { schema: resolver(schema) } } };
  return Object.assign(middleware, { [uniqueSymbol]: { spec: { requestBody } } });
}

/** Query parameters (an object schema, one property per parameter); invalid ones answer `invalid()`. */
export function queryParams<Schema extends z.ZodType>(
  schema: Schema,
  invalid: () => ApiError = () => new ApiError(400, 'bad_request', 'A query parameter is not valid.'),
): Validated<'query', Schema> {
  const middleware: Validated<'query', Schema> = async (c, next) => {
    const parsed = schema.safeParse(c.req.query());
    if (!parsed.success) throw invalid();
    c.req.addValidatedData('query', parsed.data as object);
    await next();
  };
  return Object.assign(middleware, { [uniqueSymbol]: { target: 'query', ...resolver(schema) } });
}

/**
 * Path parameters (an object schema). An id that cannot exist is `invalid()`, usually the same 404 as an
 * id that does not exist, so nothing can be learnt from the difference.
 */
export function pathParams<Schema extends z.ZodType>(
  schema: Schema,
  invalid: () => ApiError,
): Validated<'param', Schema> {
  const middleware: Validated<'param', Schema> = async (c, next) => {
    const parsed = schema.safeParse(c.req.param());
    if (!parsed.success) throw invalid();
    c.req.addValidatedData('param', parsed.data as object);
    await next();
  };
  return Object.assign(middleware, { [uniqueSymbol]: { target: 'param', ...resolver(schema) } });
}
