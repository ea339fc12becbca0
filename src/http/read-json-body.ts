import type { Context } from 'hono';
import type * as z from 'zod';
import { ApiError } from './api-error.js';
import { requestText } from './request-body.js';

/** `application/json` or any `…+json` type, with or without parameters such as `charset=utf-8`. */
const JSON_TYPE = /^application\/([a-z0-9.-]+\+)?json\s*(;|$)/i;

/**
 * Reads and validates a JSON body, turning every kind of bad input into a 4xx with a stable code.
 * A body sent as anything but JSON is refused unread (415): `text/plain` is what a cross-site form or a
 * no-preflight fetch can send, so accepting it would let other sites post here.
 */
export async function readJsonBody<Schema extends z.ZodType>(
  c: Context,
  schema: Schema,
): Promise<z.infer<Schema>> {
  const isJson = JSON_TYPE.test(c.req.header('content-type') ?? '');
  const announced =
    c.req.header('transfer-encoding') !== undefined || Number(c.req.header('content-length')) > 0;
  const notJson = () => new ApiError(415, 'unsupported_media_type', 'Send the body as application/json.');
  if (announced && !isJson) throw notJson();
  const text = await requestText(c);
  // A body that came without announcing its length is refused as soon as it turns out not to be empty.
  if (!isJson && text.trim() !== '') throw notJson();
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
