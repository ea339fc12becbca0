import { type Context, Hono } from 'hono';
import { canManageClass } from '../auth/permissions.js';
import { loadClass } from '../console/class-scope.js';
import type { ConsoleEnv } from '../console/console-env.js';
import { forbidden, notFound } from '../console/denied-page.js';
import { Layout } from '../console/layout.js';
import { clientIp } from '../http/client-ip.js';
import type { AppDeps } from '../platform/ports.js';
import { chooseStudents } from './choose-students.js';
import { loadPrint } from './load-print.js';
import { printSlips } from './print-slips.js';
import { slipCandidates } from './slip-candidates.js';
import { SlipSheet } from './slip-sheet.js';

/**
 * Printing binding slips, mounted under /console/classes. Printing is a POST that issues the codes and
 * redirects to the print's own page (POST-redirect-GET): reloading that page shows the same slips.
 */
export function slipRoutes(deps: AppDeps) {
  const routes = new Hono<ConsoleEnv>();

  const managedClass = async (c: Context<ConsoleEnv>) => {
    const found = await loadClass(deps, c.req.param('classId') ?? '');
    if (!found) return { response: notFound(c) };
    if (!canManageClass(c.get('actor')!, found)) return { response: forbidden(c) };
    return { found };
  };

  routes.post('/:classId/codes', async (c) => {
    const { found, response } = await managedClass(c);
    if (!found) return response;
    const form = await c.req.parseBody({ all: true });
    const which = typeof form.students === 'string' ? form.students : 'missing';
    const ticked = [form.student].flat().filter((value): value is string => typeof value === 'string');
    const chosen = chooseStudents(await slipCandidates(deps, found.id), which, ticked);
    const t = c.get('t');
    if (chosen.length === 0) {
      // Nothing was issued, so answering the post directly is safe to reload.
      return c.html(
        <Layout
          t={t}
          locale={c.get('locale')}
          inboxUnread={c.get('inboxUnread')}
          actor={c.get('actor')}
          title={t('console.codes.title', { className: found.name })}
        >
          <p class="muted">{t(which === 'chosen' ? 'slips.none_ticked' : 'console.codes.nobody')}</p>
          <p>
            <a href={`/console/classes/${found.id}`}>{t('console.codes.back')}</a>
          </p>
        </Layout>,
      );
    }
    const printId = await printSlips(deps, {
      staffId: c.get('actor')!.id,
      sessionToken: c.get('sessionToken') ?? '',
      classId: found.id,
      schoolId: found.schoolId,
      studentIds: chosen,
      ip: clientIp(c),
    });
    return c.redirect(`/console/classes/${found.id}/slips/${printId}`, 303);
  });

  routes.get('/:classId/slips/:printId', async (c) => {
    const { found, response } = await managedClass(c);
    if (!found) return response;
    const print = await loadPrint(deps, c.req.param('printId'), c.get('sessionToken') ?? '');
    if (!print || print.classId !== found.id) return notFound(c);
    c.header('cache-control', 'private, no-store');
    return c.html(<SlipSheet c={c} row={found} print={print} publicUrl={deps.config.PUBLIC_URL} />);
  });

  return routes;
}
