import { and, eq, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { guardianBindings } from '../../db/schema.js';
import { ApiError } from '../../http/api-error.js';
import { matchLocale, translatorFor } from '../../i18n/index.js';
import { markRead, recipientByToken } from '../../notices/index.js';
import type { AppDeps } from '../../platform/ports.js';
import { liffPage, liffUserOf } from './liff-page.js';
import { liffPhotoRoutes } from './liff-photo-routes.js';
import { setLiffSession } from './liff-session.js';

/**
 * The LIFF app (its endpoint URL is PUBLIC_URL + /liff): a notice card's button in LINE opens
 * https://liff.line.me/<LIFF id>/n/<token>, which LINE shows as /liff/n/<token> inside the app. The page
 * proves who opened it with LINE's ID token; the server checks the token with LINE and that this LINE user is
 * bound to the notice's child, records "read" (LINE has no read receipts of its own) and opens the notice,
 * where the receipt is recorded as given through LINE. /liff/apply (liff-photo-routes.tsx) is the photo page.
 */
export function liffRoutes(deps: AppDeps) {
  const app = new Hono();

  app.use(async (_c, next) => {
    if (!deps.config.LINE_LIFF_ID) throw new ApiError(404, 'not_found', 'LIFF is not set up on this server.');
    await next();
  });

  app.get('/n/:token', (c) => {
    const locale = matchLocale(c.req.header('accept-language'), deps.config.DEFAULT_LOCALE);
    const t = translatorFor(locale);
    return liffPage(c, deps.config, {
      locale,
      title: t('channels.liff.title'),
      opening: t('channels.liff.opening'),
      error: t('channels.liff.error'),
      open: `/liff/api/notices/${encodeURIComponent(c.req.param('token'))}/open`,
    });
  });

  app.post('/api/notices/:token/open', async (c) => {
    const userId = await liffUserOf(c, deps);
    const view = await recipientByToken(deps, c.req.param('token'));
    const [bound] = view
      ? await deps.database.db
          .select({ id: guardianBindings.id })
          .from(guardianBindings)
          .where(
            and(
              eq(guardianBindings.channel, 'line'),
              eq(guardianBindings.identity, userId),
              eq(guardianBindings.studentId, view.recipient.studentId),
              isNull(guardianBindings.revokedAt),
            ),
          )
          .limit(1)
      : [];
    // Another family's link, or a link this LINE user is not bound for: the same answer as no link at all.
    if (!view || !bound) throw new ApiError(404, 'not_found', 'No such notice for this LINE user.');
    const token = view.latestToken ?? view.recipient.token;
    const current = view.latestToken ? await recipientByToken(deps, token) : view;
    if (!current) throw new ApiError(404, 'not_found', 'No such notice for this LINE user.');
    await markRead(deps, current.recipient.id);
    await setLiffSession(c, deps.config, token, current.recipient.id, deps.clock.now());
    return c.json({ next: `/n/${token}` });
  });

  app.route('/', liffPhotoRoutes(deps));

  return app;
}
