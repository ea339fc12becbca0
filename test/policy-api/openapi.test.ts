import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePolicyApp } from './helpers.js';

interface OpenApi {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, unknown> };
}

/** The public HTTP surface: the JSON API, the health check and the document itself (pages are not API). */
const isPublicApi = (path: string) =>
  path.startsWith('/api/') || path === '/healthz' || path === '/openapi.json';

describe('GET /openapi.json', () => {
  let harness: ReturnType<typeof makePolicyApp>;
  beforeAll(() => {
    harness = makePolicyApp();
  });
  afterAll(() => harness.close());

  it('is an OpenAPI 3.1 JSON document', async () => {
    const response = await harness.app.request('/openapi.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const document = (await response.json()) as OpenApi;
    expect(document.openapi).toBe('3.1.0');
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map(
      (match) => match[1]!,
    );
    for (const name of refs) expect(document.components.schemas).toHaveProperty(name);
  });

  it('lists every public route of the app, and nothing the app does not serve', async () => {
    const document = (await (await harness.app.request('/openapi.json')).json()) as OpenApi;
    const served = new Set(
      harness.app.routes
        .filter((route) => route.method !== 'ALL' && isPublicApi(route.path))
        .map((route) => `${route.method.toLowerCase()} ${route.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    const documented = new Set(
      Object.entries(document.paths).flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => `${method} ${path}`),
      ),
    );
    expect([...served].sort()).toEqual([...documented].sort());
    expect(served).toContain('post /api/eligibility');
    expect(served).toContain('post /api/ask');
    expect(served).toContain('post /api/chat/conversations');
  });

  it('derives the policy request bodies from the validating schemas', async () => {
    const document = (await (await harness.app.request('/openapi.json')).json()) as {
      components: { schemas: Record<string, { required?: string[]; properties?: Record<string, unknown> }> };
    };
    expect(document.components.schemas.EligibilityRequest?.required).toEqual(['child', 'household']);
    expect(document.components.schemas.AskRequest?.required).toEqual(['question']);
    expect(Object.keys(document.components.schemas.EligibilityRequest?.properties ?? {})).toEqual([
      'catalog',
      'asOf',
      'locale',
      'child',
      'household',
    ]);
  });
});
