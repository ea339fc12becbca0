import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { applicationConsoleRoutes } from '../applications/index.js';
import { auditRoutes } from '../audit/index.js';
import { canUseInbox } from '../auth/permissions.js';
import { logIn, logOut, staffActorFor } from '../auth/staff-session.js';
import { clientIp, publicOrigin } from '../http/client-ip.js';
import { isLocale, matchLocale, translatorFor } from '../i18n/index.js';
import { inboxRoutes, unreadThreadCount } from '../inbox/index.js';
import {
  noticeArchiveRoutes,
  noticeConsoleRoutes,
  noticeDashboardRoutes,
  noticePaperRoutes,
  noticeTermRoutes,
} from '../notices/index.js';
import type { AppDeps } from '../platform/ports.js';
import { schoolAdminRoutes } from '../school-admin/index.js';
import { schoolRoutes } from '../schools/index.js';
import { needsSetup, setupRoutes } from '../setup/index.js';
import { slipRoutes } from '../slips/index.js';
import { apiTokenPages } from '../staff-api/index.js';
import { accountRoutes } from './account-routes.js';
import { catalogRoutes } from './catalog-routes.js';
import { classRoutes } from './class-routes.js';
import type { ConsoleEnv } from './console-env.js';
import { Denied } from './denied-page.js';
import { importRoutes } from './import-routes.js';
import { LoginPage } from './login-page.js';

export const SESSION_COOKIE = 'mb_session';
const LANG_COOKIE = 'mb_lang';

/** The staff console: server-rendered pages behind a password log-in, every form protected against CSRF. */
export function consoleApp(deps: AppDeps) {
  const app = new Hono<ConsoleEnv>();

  // Browsers send Origin on form posts: refuse posts from other sites outright.
  app.use(csrf({ origin: (origin, c) => origin === publicOrigin(c) }));

  app.use(async (c, next) => {
    const asked = c.req.query('lang');
    if (isLocale(asked))
      setCookie(c, LANG_COOKIE, asked, { path: '/console', sameSite: 'Lax', maxAge: 31536000 });
    const cookieLocale = getCookie(c, LANG_COOKIE);
    const locale = isLocale(asked)
      ? asked
      : isLocale(cookieLocale)
        ? cookieLocale
        : matchLocale(c.req.header('accept-language'), deps.config.DEFAULT_LOCALE);
    c.set('locale', locale);
    c.set('t', translatorFor(locale));
    const token = getCookie(c, SESSION_COOKIE);
    const actor = token ? await staffActorFor(deps, token) : null;
    c.set('actor', actor);
    c.set('sessionToken', actor ? (token ?? null) : null);
    c.set('inboxUnread', actor && canUseInbox(actor) ? await unreadThreadCount(deps, actor) : null);
    await next();
  });

  // First-run setup lives outside the log-in: on an empty database there is nobody to log in yet.
  app.route('/setup', setupRoutes(deps));

  app.get('/login', async (c) => {
    if (c.get('actor')) return c.redirect('/console');
    if (await needsSetup(deps)) return c.redirect('/console/setup');
    return c.html(<LoginPage c={c} />);
  });

  app.post('/login', async (c) => {
    const form = await readForm(c);
    if (!form) return c.html(<Denied c={c} message={c.get('t')('console.errors.bad_form')} />, 400);
    const username = typeof form.username === 'string' ? form.username.slice(0, 100) : '';
    const password = typeof form.password === 'string' ? form.password.slice(0, 200) : '';
    const result = await logIn(deps, username, password, clientIp(c));
    if (!result.ok) {
      const message =
        result.reason === 'locked'
          ? c.get('t')('console.login.locked', {
              minutes: Math.max(1, Math.ceil((result.retryAt - deps.clock.now()) / 60_000)),
            })
          : c.get('t')('console.login.invalid');
      return c.html(
        <LoginPage c={c} error={message} username={username} />,
        result.reason === 'locked' ? 429 : 401,
      );
    }
    setCookie(c, SESSION_COOKIE, result.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'Lax',
      secure: publicOrigin(c).startsWith('https:'),
      expires: new Date(result.expiresAt),
    });
    return c.redirect('/console', 303);
  });

  // Everything below needs a logged-in staff member, and every post carries the session's CSRF token.
  app.use(async (c, next) => {
    const actor = c.get('actor');
    if (!actor) {
      if (c.req.method === 'GET')
        return c.redirect((await needsSetup(deps)) ? '/console/setup' : '/console/login');
      return c.html(<Denied c={c} message={c.get('t')('console.login.required')} />, 401);
    }
    if (c.req.method === 'POST') {
      const form = await readForm(c);
      if (!form) return c.html(<Denied c={c} message={c.get('t')('console.errors.bad_form')} />, 400);
      if (form._csrf !== actor.csrfToken) {
        return c.html(<Denied c={c} message={c.get('t')('console.errors.csrf')} />, 403);
      }
    }
    await next();
  });

  app.post('/logout', async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    const actor = c.get('actor');
    if (token && actor) await logOut(deps, token, actor, clientIp(c));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/console/login', 303);
  });

  app.route('/', classRoutes(deps));
  app.route('/classes', slipRoutes(deps));
  app.route('/import', importRoutes(deps));
  app.route('/accounts', accountRoutes(deps));
  app.route('/inbox', inboxRoutes(deps));
  app.route('/audit', auditRoutes(deps));
  app.route('/catalogs', catalogRoutes(deps));
  app.route('/api-tokens', apiTokenPages(deps));
  // Before the per-notice pages, whose /:noticeId would otherwise take /term and /district.
  app.route('/notices', noticeTermRoutes(deps));
  app.route('/notices', noticeConsoleRoutes(deps));
  app.route('/notices', noticeDashboardRoutes(deps));
  app.route('/notices', noticeArchiveRoutes(deps));
  app.route('/notices', noticePaperRoutes(deps));
  app.route('/applications', applicationConsoleRoutes(deps));
  app.route('/schools', schoolRoutes(deps));
  app.route('/admin', schoolAdminRoutes(deps));
  return app;
}

/** A form body, or null when it cannot be read (truncated multipart, wrong content type). Parsed once, cached by Hono. */
async function readForm(c: Context<ConsoleEnv>): Promise<Record<string, unknown> | null> {
  try {
    return await c.req.parseBody();
  } catch {
    return null;
  }
}
