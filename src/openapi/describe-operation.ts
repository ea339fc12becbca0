import type { MiddlewareHandler } from 'hono';
import { describeRoute, resolver, uniqueSymbol } from 'hono-openapi';
import type * as z from 'zod';
import { ErrorResponseSchema } from './error-schema.js';

// How a route says what it answers. The description rides on a middleware in the route's own handler list,
// so the document is built from the routes the app really registers (see openapi-route.ts).

type DescribeSpec = Parameters<typeof describeRoute>[0];
type ResponsesSpec = NonNullable<DescribeSpec['responses']>;
type ResponseSpec = ResponsesSpec[string];

/** A JSON answer whose body is this zod schema. */
export function jsonResponse(description: string, schema: z.ZodType): ResponseSpec {
  return { description, content: { 'application/json': { schema: resolver(schema) } } };
}

/** An error answer: always the `{ error: { code, message, details? } }` body, `description` names the codes. */
export function errorResponse(description: string): ResponseSpec {
  return jsonResponse(description, ErrorResponseSchema);
}

/** An answer with another media type (CSV, XLSX, images), described by hand. */
export function fileResponse(description: string, mediaTypes: string[]): ResponseSpec {
  return {
    description,
    content: Object.fromEntries(
      mediaTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
    ),
  };
}

export interface OperationSpec {
  summary: string;
  description?: string;
  tags?: string[];
  responses: ResponsesSpec;
  /** Set by the authorizing middleware rather than here when one is used (see `documented`). */
  security?: DescribeSpec['security'];
  requestBody?: DescribeSpec['requestBody'];
  /** Parameters no validating middleware describes (see `queryParams` / `pathParams` for those that do). */
  parameters?: DescribeSpec['parameters'];
}

/** The description of one operation: its summary and every answer it may give. */
export function operation(spec: OperationSpec): MiddlewareHandler {
  return describeRoute(spec);
}

/**
 * Lets a middleware that is shared by several routes (an authorization check, a body limit) add its own part
 * to the description of each route it guards: its security scheme and the errors it answers with.
 */
export function documented<M extends MiddlewareHandler>(middleware: M, spec: Partial<DescribeSpec>): M {
  // A copy per call: the same middleware function may be documented differently on different routes.
  const copy = ((c, next) => middleware(c, next)) as M;
  return Object.assign(copy, { [uniqueSymbol]: { spec } });
}
