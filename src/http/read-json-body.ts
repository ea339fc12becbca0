import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError } from './api-error.js';

/** Reads and validates a JSON body, turning every kind of bad input into a 400 with a stable code. */
export async function readJsonBody<Schema extends z.ZodType>(
  c: Context,
  schema: Schema,
): Promise<z.infer<Schema>> {
  const text = await c.req.text();
  let raw: unknown;
  try {
    raw = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_json', 'The request body is not valid JSON.');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => ({
      path: issue.path.join('.'),
      message: issue.message,
    }));
    throw new ApiError(400, 'invalid_body', 'The request body does not have the expected shape.', details);
  }
  return parsed.data;
}
