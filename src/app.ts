import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { chatPage } from './chat/chat-page.js';
import { webChatApi } from './chat/web-chat-api.js';
import { consoleApp } from './console/console-app.js';
import { ConversationBusyError, createConversationEngine } from './conversation/conversation-engine.js';
import { loadFlows } from './conversation/flow-registry.js';
import { ApiError, errorBody } from './http/api-error.js';
import type { RequestInfoVariables } from './http/client-ip.js';
import { healthRoutes } from './http/health.js';
import { matchLocale, t } from './i18n/index.js';
import { guardianRoutes } from './notices/index.js';
import { describeOpenApiDocument, openApiDocumentHandler } from './openapi/index.js';
import type { AppDeps } from './platform/ports.js';
import { policyApi } from './policy-api/index.js';
import { staffApi } from './staff-api/index.js';

/** The whole service as one Hono app; the Node and Workers entries only build `deps` and call this. */
export function createApp(deps: AppDeps) {
  const engine = createConversationEngine(deps, loadFlows());
  const app = new Hono<{ Variables: RequestInfoVariables }>();

  app.use(requestId());
  app.use(async (c, next) => {
    // c.env is opaque here: only the runtime's requestInfo port knows what it holds.
    const info = deps.requestInfo(c.req.raw, c.env);
    c.set('clientIp', info.clientIp);
    c.set('publicOrigin', info.publicOrigin);
    await next();
  });
  app.use(async (c, next) => {
    const started = deps.clock.now();
    await next();
    deps.logger.info('request', {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: deps.clock.now() - started,
    });
  });

  app.get('/', (c) => c.redirect('/chat'));
  app.route('/', healthRoutes(deps));
  app.route('/api/chat', webChatApi(deps, engine));
  app.route('/api/staff', staffApi(deps));
  app.route('/api', policyApi(deps));
  app.get('/openapi.json', describeOpenApiDocument, openApiDocumentHandler(app));
  app.route('/chat', chatPage(deps));
  app.route('/console', consoleApp(deps));
  app.route('/n', guardianRoutes(deps));

  app.notFound((c) => c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}.`), 404));
  app.onError((error, c) => {
    if (error instanceof ApiError)
      return c.json(errorBody(error.code, error.message, error.details), error.status);
    if (error instanceof ConversationBusyError) {
      return c.json(errorBody('conversation_busy', 'Another message is being handled; send again.'), 409);
    }
    if (error instanceof HTTPException && error.status < 500) {
      return c.json(errorBody('bad_request', error.message || 'Bad request.'), error.status);
    }
    deps.logger.error('unhandled error', { requestId: c.get('requestId'), path: c.req.path, error });
    // People using the console get a page, programs get JSON; neither sees the details.
    if (c.req.path.startsWith('/console') && c.req.header('accept')?.includes('text/html')) {
      const locale = matchLocale(c.req.header('accept-language'), deps.config.DEFAULT_LOCALE);
      return c.html(serverErrorPage(t(locale, 'errors.server'), c.get('requestId')), 500);
    }
    return c.json(errorBody('internal_error', 'Something went wrong on our side.'), 500);
  });

  return app;
}

export type App = ReturnType<typeof createApp>;

/** A bare page: it must render even when whatever broke was the console's own layout. */
function serverErrorPage(message: string, requestId: string): string {
  const reference = requestId.replace(/[^a-zA-Z0-9-]/g, '');
  return `<!doctype html><meta charset="utf-8"><title>500</title><p>${message}</p><p><small>${reference}</small></p>`;
}
