import { Hono } from 'hono';
import { newUploadLink, openApplicationOf } from '../../applications/index.js';
import { ApiError } from '../../http/api-error.js';
import { matchLocale, translatorFor } from '../../i18n/index.js';
import type { AppDeps } from '../../platform/ports.js';
import { liffPage, liffUserOf } from './liff-page.js';

/**
 * The photo page in LINE: the application flow's "several photos at once" button opens
 * https://liff.line.me/<LIFF id>/apply. The page sends its ID token; once LINE has confirmed it, the server
 * finds that LINE user's open application and sends the page on to a fresh /apply/<token> link for it, the
 * same page, checks and limits as the web chat's photo page. The link in the chat carries nothing, so it
 * opens nothing for anyone it is forwarded to.
 */
export function liffPhotoRoutes(deps: AppDeps) {
  const app = new Hono();

  app.get('/apply', (c) => {
    const locale = matchLocale(c.req.header('accept-language'), deps.config.DEFAULT_LOCALE);
    const t = translatorFor(locale);
    return liffPage(c, deps.config, {
      locale,
      title: t('channels.liff_photos.title'),
      opening: t('channels.liff_photos.opening'),
      error: t('channels.liff_photos.error'),
      missing: t('channels.liff_photos.no_application'),
      open: '/liff/api/apply/open',
    });
  });

  app.post('/api/apply/open', async (c) => {
    const userId = await liffUserOf(c, deps);
    const application = await openApplicationOf(deps, { channel: 'line', id: userId });
    if (!application)
      throw new ApiError(404, 'application_not_found', 'This LINE user has no application to add photos to.');
    const link = await newUploadLink(deps, application.id);
    await deps.database.atomic([link.statement]);
    c.header('cache-control', 'no-store');
    return c.json({ next: link.path });
  });

  return app;
}
