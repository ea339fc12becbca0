import * as z from 'zod';

/** The body of every 4xx/5xx answer of the JSON API (src/http/api-error.ts builds it). */
export const ErrorResponseSchema = z
  .object({
    error: z.object({
      code: z
        .string()
        .describe('Stable code: invalid_json, invalid_body, body_too_large, missing_token, forbidden, …'),
      message: z.string().describe('For people; may change.'),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });
