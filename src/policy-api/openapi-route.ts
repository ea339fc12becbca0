import { Hono } from 'hono';
import { OPENAPI_DOCUMENT } from './openapi-document.js';

/** GET /openapi.json: the public HTTP API, for client generators and people. */
export function openApiRoutes() {
  const routes = new Hono();
  routes.get('/openapi.json', (c) => c.json(OPENAPI_DOCUMENT));
  return routes;
}
