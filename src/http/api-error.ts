import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Stable error codes clients can rely on; the message is for people and may change. */
export type ErrorCode =
  | 'bad_request'
  | 'invalid_json'
  | 'invalid_body'
  | 'unknown_field'
  | 'invalid_signature'
  | 'invalid_id_token'
  | 'body_too_large'
  | 'unsupported_media_type'
  | 'missing_token'
  | 'not_found'
  | 'conversation_not_found'
  | 'upload_not_found'
  | 'binding_not_found'
  | 'catalog_not_found'
  | 'conversation_busy'
  | 'photo_not_expected'
  | 'upload_quota_exceeded'
  | 'invalid_token'
  | 'forbidden'
  | 'notice_not_found'
  | 'not_draft'
  | 'not_sent'
  | 'invalid_audience'
  | 'photo_refused'
  | 'application_not_found'
  | 'transition_refused'
  | 'unavailable'
  | 'misconfigured'
  | 'schema_outdated'
  | 'internal_error';

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export function errorBody(code: ErrorCode, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}
