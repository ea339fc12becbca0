import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatClient, TINY_PNG } from '../support/chat-client.js';
import { type OpenApiDocument as OpenApi, responseProblems } from '../support/openapi-check.js';
import { makePolicyApp } from './helpers.js';

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

  it('describes what each route really answers: every field of real answers is documented, with its type', async () => {
    const { app, post } = harness;
    const document = (await (await app.request('/openapi.json')).json()) as OpenApi;
    const chat = new ChatClient(async (path, init) => app.request(path, init));
    await chat.start('zh-CN');
    // A photo is taken only at a step that asks for one: the contact form's.
    await chat.choose('contact');
    await chat.choose('policy');
    await chat.text('寄宿生补助什么时候发？');
    const upload = await chat.upload(new Uint8Array(TINY_PNG));
    const elsewhere = new ChatClient(async (path, init) => app.request(path, init));
    await elsewhere.start('zh-CN');
    const refused = await elsewhere.upload(new Uint8Array(TINY_PNG));
    const uploadId = ((await upload.clone().json()) as { upload: { id: string } }).upload.id;
    const answers: [string, Response][] = [
      ['GET /healthz', await app.request('/healthz')],
      ['GET /openapi.json', await app.request('/openapi.json')],
      [
        'POST /api/eligibility',
        await post('/api/eligibility', {
          asOf: '2025-10-01',
          child: { stage: 'junior_secondary', boarding: true },
          household: { categories: ['subsistence_allowance'] },
        }),
      ],
      ['POST /api/eligibility', await post('/api/eligibility', { child: {} })],
      ['POST /api/eligibility', await post('/api/eligibility', '{oops')],
      ['POST /api/ask', await post('/api/ask', { question: '什么是低保' })],
      ['POST /api/ask', await post('/api/ask', { question: '学费', catalog: 'no-such' })],
      ['POST /api/chat/conversations', await post('/api/chat/conversations', {})],
      [
        'POST /api/chat/conversations/{id}/messages',
        await chat.raw('/messages', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'text', text: '菜单' }),
        }),
      ],
      ['GET /api/chat/conversations/{id}/messages', await chat.raw('/messages?after=0')],
      ['GET /api/chat/conversations/{id}/messages', await chat.raw('/messages?after=x')],
      ['POST /api/chat/conversations/{id}/images', upload],
      ['POST /api/chat/conversations/{id}/images', refused],
      ['GET /api/chat/conversations/{id}/uploads/{uploadId}', await chat.raw(`/uploads/${uploadId}`)],
      ['GET /api/chat/conversations/{id}/children', await chat.raw('/children')],
      [
        'DELETE /api/chat/conversations/{id}/children/{bindingId}',
        await chat.raw('/children/nope', { method: 'DELETE' }),
      ],
      [
        'GET /api/chat/conversations/{id}/children',
        await app.request(`/api/chat/conversations/${chat.conversationId}/children`),
      ],
    ];
    const problems: string[] = [];
    for (const [operation, response] of answers)
      problems.push(...(await responseProblems(document, operation, response)));
    expect(problems).toEqual([]);
    expect(answers.map(([, response]) => response.status)).toEqual([
      200, 200, 200, 400, 400, 200, 404, 201, 200, 200, 400, 201, 409, 200, 200, 404, 401,
    ]);
  });

  it('marks the chat routes with the chat token and the staff API with the staff token', async () => {
    const document = (await (await harness.app.request('/openapi.json')).json()) as OpenApi;
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, entry] of Object.entries(operations)) {
        const schemes = (entry.security ?? []).flatMap((each) => Object.keys(each));
        if (path.startsWith('/api/chat/conversations/'))
          expect(schemes, `${method} ${path}`).toEqual(['chatToken']);
        else if (path.startsWith('/api/staff/')) expect(schemes, `${method} ${path}`).toEqual(['staffToken']);
        else expect(schemes, `${method} ${path}`).toEqual([]);
      }
    }
    expect(Object.keys(document.components.securitySchemes ?? {}).sort()).toEqual([
      'chatToken',
      'staffToken',
    ]);
  });
});
