// The OpenAPI document, generated from the code: routes describe their answers with `operation(...)`, and the
// validating middlewares (`jsonBody`, `queryParams`, `pathParams`) describe their input from the same zod
// schema that checks it.

export { documented, errorResponse, fileResponse, jsonResponse, operation } from './describe-operation.js';
export { ErrorResponseSchema } from './error-schema.js';
export { describeOpenApiDocument, openApiDocumentHandler } from './openapi-route.js';
export { jsonBody, pathParams, queryParams } from './validated-input.js';
