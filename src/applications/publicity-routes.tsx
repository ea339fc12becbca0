import { asc, eq } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { audit } from '../audit/audit-log.js';
import { publicityEntries, publicityLists, publicityObjections, schools } from '../db/schema.js';
import { clientIp, publicOrigin } from '../http/client-ip.js';
import { matchLocale, translatorFor } from '../i18n/index.js';
import type { AppDeps } from '../platform/ports.js';
import { newId } from '../util/ids.js';
import { rateLimiter } from '../util/rate-limit.js';
import { formatStaffTime } from './format-time.js';
import { workingDaysLeft } from './publicity-period.js';

const OBJECTIONS_PER_ADDRESS = { limit: 10, windowMs: 60 * 60_000 };

const STYLE = `body{margin:0;font:16px/1.6 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#f4f6f5;color:#1d2a24}
main{max-width:760px;margin:0 auto;padding:16px}
h1{font-size:22px;margin:8px 0}
.meta{color:#4d5d55;font-size:14px}
.countdown{background:#fff7d6;border-radius:8px;padding:10px 12px;margin:12px 0;font-weight:600}
table{width:100%;border-collapse:collapse;background:#fff;border-radius:8px;overflow:hidden}
th,td{padding:8px 10px;border-bottom:1px solid #e2e8e4;text-align:left}
th{background:#e6ece8;font-weight:600}
section{background:#fff;border-radius:8px;padding:12px;margin:16px 0}
textarea,input{width:100%;box-sizing:border-box;font:inherit;padding:8px;border:1px solid #c6d0ca;border-radius:6px}
label{display:block;margin:8px 0 4px;font-weight:600}
button{font:inherit;background:#1f6f50;color:#fff;border:0;border-radius:6px;padding:9px 16px;margin-top:10px}
.banner{background:#e6f4ec;border-radius:8px;padding:10px 12px}
td:nth-child(-n+3),th{white-space:nowrap}
@media (max-width:480px){main{padding:10px}th,td{padding:6px 5px;font-size:15px}}`;

/** The public 公示 page at /gs/<token>: masked names, class and 档次 only, while its period runs. */
export function publicityRoutes(deps: AppDeps) {
  const routes = new Hono();
  routes.use(csrf({ origin: (origin, c) => origin === publicOrigin(c) }));

  const listFor = async (token: string) => {
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return null;
    const [row] = await deps.database.db
      .select({ list: publicityLists, schoolName: schools.name })
      .from(publicityLists)
      .innerJoin(schools, eq(schools.id, publicityLists.schoolId))
      .where(eq(publicityLists.token, token))
      .limit(1);
    return row ?? null;
  };

  const page = (
    c: Context,
    lang: string,
    title: string,
    body: string,
    status: 200 | 404 | 410 | 400 | 429 = 200,
  ) =>
    c.html(
      `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`,
      status,
      { 'cache-control': 'no-store' },
    );

  routes.get('/:token', async (c) => {
    const locale = matchLocale(c.req.header('accept-language'), deps.config.DEFAULT_LOCALE);
    const t = translatorFor(locale);
    const found = await listFor(c.req.param('token'));
    const now = deps.clock.now();
    if (!found)
      return page(
        c,
        locale,
        t('applications.publicity.gone_title'),
        `<p>${escapeHtml(t('applications.publicity.not_found'))}</p>`,
        404,
      );
    const { list, schoolName } = found;
    if (list.takenDownAt !== null || now > list.endsAt)
      return page(
        c,
        locale,
        t('applications.publicity.gone_title'),
        `<h1>${escapeHtml(t('applications.publicity.gone_title'))}</h1><p>${escapeHtml(t('applications.publicity.ended'))}</p>`,
        410,
      );
    const entries = await deps.database.db
      .select({
        maskedName: publicityEntries.maskedName,
        className: publicityEntries.className,
        programmeName: publicityEntries.programmeName,
        tier: publicityEntries.tier,
      })
      .from(publicityEntries)
      .where(eq(publicityEntries.listId, list.id))
      .orderBy(asc(publicityEntries.position));
    const left = workingDaysLeft(now, list.endsAt, deps.config.TIME_ZONE);
    const sent = c.req.query('sent') === '1';
    const rowsHtml = entries
      .map(
        (entry, index) =>
          `<tr><td>${index + 1}</td><td>${escapeHtml(entry.maskedName)}</td><td>${escapeHtml(entry.className)}</td><td>${escapeHtml(entry.programmeName)}</td><td>${escapeHtml(entry.tier)}</td></tr>`,
      )
      .join('');
    const body = `<h1>${escapeHtml(list.title)}</h1>
<p class="meta">${escapeHtml(schoolName)} · ${escapeHtml(t('applications.publicity.period', { from: formatStaffTime(list.startsAt, deps.config.TIME_ZONE), to: formatStaffTime(list.endsAt, deps.config.TIME_ZONE) }))}</p>
<p class="countdown" data-testid="countdown">${escapeHtml(t('applications.publicity.countdown', { days: left }))}</p>
<table><thead><tr><th>${escapeHtml(t('applications.publicity.col_no'))}</th><th>${escapeHtml(t('applications.publicity.col_name'))}</th><th>${escapeHtml(t('applications.publicity.col_class'))}</th><th>${escapeHtml(t('applications.publicity.col_programme'))}</th><th>${escapeHtml(t('applications.publicity.col_tier'))}</th></tr></thead><tbody>${rowsHtml}</tbody></table>
<section><h2>${escapeHtml(t('applications.publicity.objection_title'))}</h2>
<p>${escapeHtml(t('applications.publicity.objection_intro'))}</p>
${sent ? `<p class="banner" role="status">${escapeHtml(t('applications.publicity.objection_sent'))}</p>` : ''}
<form method="post" action="/gs/${escapeHtml(list.token)}/objection">
<label for="message">${escapeHtml(t('applications.publicity.objection_message'))}</label>
<textarea id="message" name="message" rows="4" maxlength="1000" required></textarea>
<label for="contact">${escapeHtml(t('applications.publicity.objection_contact'))}</label>
<input id="contact" name="contact" maxlength="60" autocomplete="tel">
<button type="submit">${escapeHtml(t('applications.publicity.objection_send'))}</button>
</form></section>
<p>${escapeHtml(t('applications.publicity.report_phone', { phone: list.reportPhone }))}</p>
<p class="meta">${escapeHtml(t('applications.publicity.privacy'))}</p>`;
    return page(c, locale, list.title, body);
  });

  routes.post('/:token/objection', async (c) => {
    const locale = matchLocale(c.req.header('accept-language'), deps.config.DEFAULT_LOCALE);
    const t = translatorFor(locale);
    const found = await listFor(c.req.param('token'));
    if (!found || found.list.takenDownAt !== null || deps.clock.now() > found.list.endsAt)
      return page(
        c,
        locale,
        t('applications.publicity.gone_title'),
        `<p>${escapeHtml(t('applications.publicity.ended'))}</p>`,
        410,
      );
    const ip = clientIp(c);
    const attempt = await rateLimiter(deps, OBJECTIONS_PER_ADDRESS).attempt(`objection:${ip ?? 'unknown'}`);
    if (!attempt.allowed)
      return page(
        c,
        locale,
        found.list.title,
        `<p>${escapeHtml(t('applications.publicity.too_many'))}</p>`,
        429,
      );
    let body: Record<string, unknown>;
    try {
      body = (await c.req.parseBody()) as Record<string, unknown>;
    } catch {
      body = {};
    }
    const message = typeof body.message === 'string' ? body.message.trim().slice(0, 1000) : '';
    const contact = typeof body.contact === 'string' ? body.contact.trim().slice(0, 60) : '';
    if (!message)
      return page(
        c,
        locale,
        found.list.title,
        `<p>${escapeHtml(t('applications.publicity.objection_empty'))}</p><p><a href="/gs/${escapeHtml(found.list.token)}">${escapeHtml(t('applications.publicity.back'))}</a></p>`,
        400,
      );
    const id = newId('po_');
    await deps.database.db.insert(publicityObjections).values({
      id,
      listId: found.list.id,
      schoolId: found.list.schoolId,
      message,
      contact: contact || null,
      createdAt: deps.clock.now(),
    });
    await audit(deps, {
      actorType: 'anonymous',
      action: 'publicity.objection',
      targetType: 'publicity_list',
      targetId: found.list.id,
      schoolId: found.list.schoolId,
      details: { objectionId: id },
      ip,
    });
    return c.redirect(`/gs/${found.list.token}?sent=1`, 303);
  });

  return routes;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
