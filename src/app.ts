import { type Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { applyPageRoutes, publicityRoutes } from './applications/index.js';
import { hasLiffSession, liffRoutes, lineWebhookRoutes } from './channels/line/index.js';
import { officialAccountSettings, officialAccountWebhook } from './channels/wechat-oa/index.js';
import { chatPage } from './chat/chat-page.js';
import { webChatApi } from './chat/web-chat-api.js';
import { consoleApp } from './console/console-app.js';
import { ConversationBusyError, createConversationEngine } from './conversation/conversation-engine.js';
import { loadFlows } from './conversation/flow-registry.js';
import { ApiError, errorBody } from './http/api-error.js';
import { bodyLimitRules } from './http/body-limit-rules.js';
import { bodyLimits, isBodyTooLarge } from './http/body-limits.js';
import { isClientAbort } from './http/client-abort.js';
import type { RequestInfoVariables } from './http/client-ip.js';
import { healthRoutes } from './http/health.js';
import { type RequestBodyVariables, requestBodyOf } from './http/request-body.js';
import { securityHeaders } from './http/security-headers.js';
import { matchLocale, t } from './i18n/index.js';
import { guardianRoutes } from './notices/index.js';
import { describeOpenApiDocument, openApiDocumentHandler } from './openapi/index.js';
import type { AppDeps } from './platform/ports.js';
import { policyApi } from './policy-api/index.js';
import { shortLinkRoutes } from './slips/index.js';
import { staffApi } from './staff-api/index.js';

/** The whole service as one Hono app; the Node and Workers entries only build `deps` and call this. */
export function createApp(deps: AppDeps) {
  const engine = createConversationEngine(deps, loadFlows());
  const app = new Hono<{ Variables: RequestInfoVariables & RequestBodyVariables }>();

  app.use(requestId());
  app.use(securityHeaders({ liffSdkUrl: deps.config.LINE_LIFF_SDK_URL }));
  app.use(async (c, next) => {
    // c.env is opaque here: only the runtime's requestInfo port knows what it holds.
    const info = deps.requestInfo(c.req.raw, c.env);
    c.set('clientIp', info.clientIp);
    c.set('publicOrigin', info.publicOrigin);
    c.set('body', requestBodyOf(deps, c));
    await next();
  });
  app.use(
    bodyLimits(bodyLimitRules(deps.config), (c, maxBytes) => {
      const message = `The request body is larger than ${maxBytes} bytes.`;
      if (!wantsConsolePage(c)) return c.json(errorBody('body_too_large', message), 413);
      const locale = matchLocale(c.req.header('accept-language'), deps.config.DEFAULT_LOCALE);
      const text = t(locale, 'limits.body_too_large', { maxMb: Math.floor(maxBytes / 1024 / 102.4) / 10 });
      return c.html(barePage('413', text, c.get('requestId')), 413);
    }),
  );
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
  app.route('/', shortLinkRoutes());
  app.route('/console', consoleApp(deps));
  app.route(
    '/n',
    guardianRoutes(deps, {
      // Opened from LINE through the LIFF page, which checked the guardian's LINE ID token.
      receiptChannel: async (c, view) =>
        (await hasLiffSession(c, deps.config, view.recipient.id, deps.clock.now())) ? 'line' : null,
    }),
  );
  app.route('/gs', publicityRoutes(deps));
  app.route('/apply', applyPageRoutes(deps));
  app.route('/webhook', lineWebhookRoutes(deps));
  app.route('/liff', liffRoutes(deps));
  const wechatOa = officialAccountSettings(deps.config);
  if (wechatOa) app.route('/webhook/wechat', officialAccountWebhook(deps, engine, wechatOa));

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
    // The body limit turns this into its 413 (src/http/body-limits.ts); nothing went wrong here.
    if (isBodyTooLarge(error))
      return c.json(errorBody('body_too_large', 'The request body is too large.'), 413);
    if (isClientAbort(error, c.req.raw)) {
      // Nobody is left to read an answer; one line without a stack is enough.
      deps.logger.info('client aborted the request', { requestId: c.get('requestId'), path: c.req.path });
      return c.json(errorBody('bad_request', 'The request was aborted.'), 400);
    }
    deps.logger.error('unhandled error', { requestId: c.get('requestId'), path: c.req.path, error });
    // People using the console get a page, programs get JSON; neither sees the details.
    if (wantsConsolePage(c)) {
      const locale = matchLocale(c.req.header('accept-language'), deps.config.DEFAULT_LOCALE);
      return c.html(barePage('500', t(locale, 'errors.server'), c.get('requestId')), 500);
    }
    return c.json(errorBody('internal_error', 'Something went wrong on our side.'), 500);
  });

  return app;
}

export type App = ReturnType<typeof createApp>;

/** People using the console get a page, programs get JSON. */
function wantsConsolePage(c: Context): boolean {
  return c.req.path.startsWith('/console') && !!c.req.header('accept')?.includes('text/html');
}

/** A bare page: it must render even when whatever broke was the console's own layout. */
function barePage(title: string, message: string, requestId: string): string {
  const reference = requestId.replace(/[^a-zA-Z0-9-]/g, '');
  return `<!doctype html><meta charset="utf-8"><title>${title}</title><p>${message}</p><p><small>${reference}</small></p>`;
}
