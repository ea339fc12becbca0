import { and, desc, eq, inArray } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { audit } from '../audit/audit-log.js';
import type { ConsoleEnv } from '../console/console-env.js';
import { ERROR_CODE_HEADER } from '../console/console-env.js';
import { Denied } from '../console/denied-page.js';
import { CsrfField } from '../console/layout.js';
import { applications, publicityEntries, publicityLists, publicityObjections } from '../db/schema.js';
import { tableDownload } from '../export/index.js';
import { clientIp } from '../http/client-ip.js';
import type { AppDeps } from '../platform/ports.js';
import { resolveCatalog } from '../policy-api/index.js';
import { canExportFullIds, canRunAwards, canViewLedger } from './application-access.js';
import { applicationSettingsOf, saveApplicationSettings } from './application-settings.js';
import { formatStaffTime } from './format-time.js';
import { ledgerRows, ledgerTerms } from './ledger-rows.js';
import { loadApplication } from './load-application.js';
import { publishPublicity } from './publish-publicity.js';
import { ApplicationsNav, Page } from './review-pages.js';
import { transitionApplication } from './transition-application.js';

/** Settings, 公示 and the 台账 in the console, mounted with the review pages at /console/applications. */
export function awardsConsoleRoutes(deps: AppDeps) {
  const routes = new Hono<ConsoleEnv>();
  const form = async (c: Context<ConsoleEnv>) => (await c.req.parseBody()) as Record<string, unknown>;
  const field = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  const denied = (c: Context<ConsoleEnv>, code = 'forbidden', status: 400 | 403 | 409 = 403) => {
    c.header(ERROR_CODE_HEADER, code);
    return c.html(<Denied c={c} message={c.get('t')(`applications.console.refused.${code}`)} />, status);
  };
  const time = (ms: number) => formatStaffTime(ms, deps.config.TIME_ZONE);

  routes.get('/settings', async (c) => {
    const actor = c.get('actor')!;
    if (!actor.schoolId || !canRunAwards(actor, actor.schoolId)) return denied(c);
    const t = c.get('t');
    const settings = await applicationSettingsOf(deps, actor.schoolId);
    return c.html(
      <Page c={c} title={t('applications.console.settings_title')}>
        <ApplicationsNav t={t} actor={actor} current="/console/applications/settings" />
        {c.req.query('saved') && <p class="banner">{t('applications.console.saved')}</p>}
        <form method="post" action="/console/applications/settings" class="narrow">
          <CsrfField actor={actor} />
          <label class="check">
            <input type="checkbox" name="teacherSeesPhotos" value="on" checked={settings.teacherSeesPhotos} />{' '}
            {t('applications.console.teacher_sees_photos')}
          </label>
          <p class="hint">{t('applications.console.teacher_sees_photos_hint')}</p>
          <div class="field">
            <label for="days">{t('applications.console.publicity_days')}</label>
            <input
              id="days"
              name="publicityWorkingDays"
              type="number"
              min={5}
              max={30}
              value={String(settings.publicityWorkingDays)}
            />
          </div>
          <div class="field">
            <label for="phone">{t('applications.console.report_phone')}</label>
            <input id="phone" name="reportPhone" value={settings.reportPhone} maxlength={40} />
          </div>
          <button type="submit">{t('applications.console.save')}</button>
        </form>
      </Page>,
    );
  });

  routes.post('/settings', async (c) => {
    const actor = c.get('actor')!;
    if (!actor.schoolId || !canRunAwards(actor, actor.schoolId)) return denied(c);
    const body = await form(c);
    const days = Number(field(body.publicityWorkingDays));
    const phone = field(body.reportPhone).slice(0, 40);
    if (!Number.isInteger(days) || days < 5 || days > 30 || phone.includes('12309'))
      return denied(c, 'bad_request', 400);
    const settings = {
      teacherSeesPhotos: body.teacherSeesPhotos === 'on',
      publicityWorkingDays: days,
      reportPhone: phone,
    };
    await deps.database.atomic([saveApplicationSettings(deps, actor.schoolId, settings)]);
    await audit(deps, {
      actorType: 'staff',
      actorId: actor.id,
      action: 'application.settings',
      schoolId: actor.schoolId,
      details: settings,
      ip: clientIp(c),
    });
    return c.redirect('/console/applications/settings?saved=1', 303);
  });

  routes.get('/publicity', async (c) => {
    const actor = c.get('actor')!;
    if (!actor.schoolId || !canRunAwards(actor, actor.schoolId)) return denied(c);
    const t = c.get('t');
    const { db } = deps.database;
    const lists = await db
      .select()
      .from(publicityLists)
      .where(eq(publicityLists.schoolId, actor.schoolId))
      .orderBy(desc(publicityLists.createdAt))
      .limit(20);
    const objections = await db
      .select()
      .from(publicityObjections)
      .where(eq(publicityObjections.schoolId, actor.schoolId))
      .orderBy(desc(publicityObjections.createdAt))
      .limit(100);
    const ready = await db.$count(
      applications,
      and(eq(applications.schoolId, actor.schoolId), eq(applications.status, 'principal_approved')),
    );
    const settings = await applicationSettingsOf(deps, actor.schoolId);
    const now = deps.clock.now();
    return c.html(
      <Page c={c} title={t('applications.console.publicity_title')}>
        <ApplicationsNav t={t} actor={actor} current="/console/applications/publicity" />
        <p>{t('applications.console.publicity_ready', { count: ready })}</p>
        {ready > 0 && (
          <form method="post" action="/console/applications/publicity" class="narrow">
            <CsrfField actor={actor} />
            <div class="field">
              <label for="title">{t('applications.console.publicity_list_title')}</label>
              <input
                id="title"
                name="title"
                required
                maxlength={80}
                value={t('applications.console.publicity_default_title')}
              />
            </div>
            <div class="field">
              <label for="days">{t('applications.console.publicity_days')}</label>
              <input
                id="days"
                name="workingDays"
                type="number"
                min={5}
                max={30}
                value={String(settings.publicityWorkingDays)}
              />
            </div>
            <p class="hint">{t('applications.console.publicity_shows')}</p>
            <button type="submit">{t('applications.console.publish')}</button>
          </form>
        )}
        <h2>{t('applications.console.publicity_lists')}</h2>
        <table>
          <thead>
            <tr>
              <th>{t('applications.console.publicity_list_title')}</th>
              <th>{t('applications.console.period')}</th>
              <th>{t('applications.console.status')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {lists.map((list) => {
              const ended = now > list.endsAt;
              return (
                <tr>
                  <td data-label={t('applications.console.publicity_list_title')}>
                    <a href={`/gs/${list.token}`}>{list.title}</a>
                  </td>
                  <td data-label={t('applications.console.period')}>
                    {time(list.startsAt)} – {time(list.endsAt)}
                  </td>
                  <td data-label={t('applications.console.status')}>
                    {ended
                      ? t('applications.console.publicity_ended')
                      : t('applications.console.publicity_up')}
                  </td>
                  <td>
                    {ended && (
                      <form method="post" action={`/console/applications/publicity/${list.id}/report`}>
                        <CsrfField actor={actor} />
                        <button type="submit">{t('applications.console.report')}</button>
                      </form>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <h2>{t('applications.console.objections')}</h2>
        {objections.length === 0 ? (
          <p>{t('applications.console.no_objections')}</p>
        ) : (
          <ul class="messages">
            {objections.map((objection) => (
              <li class="message">
                <div class="meta">
                  {time(objection.createdAt)}
                  {objection.contact ? ` · ${objection.contact}` : ''}
                </div>
                <div class="body">{objection.message}</div>
              </li>
            ))}
          </ul>
        )}
      </Page>,
    );
  });

  routes.post('/publicity', async (c) => {
    const actor = c.get('actor')!;
    const body = await form(c);
    const title =
      field(body.title).slice(0, 80) || c.get('t')('applications.console.publicity_default_title');
    const days = Number(field(body.workingDays));
    const result = await publishPublicity(
      deps,
      actor,
      { title, workingDays: Number.isInteger(days) && days >= 5 && days <= 30 ? days : undefined },
      clientIp(c),
    );
    if (!result.ok) return denied(c, result.reason, result.reason === 'forbidden' ? 403 : 409);
    return c.redirect('/console/applications/publicity', 303);
  });

  routes.post('/publicity/:listId/report', async (c) => {
    const actor = c.get('actor')!;
    if (!actor.schoolId || !canRunAwards(actor, actor.schoolId)) return denied(c);
    const [list] = await deps.database.db
      .select()
      .from(publicityLists)
      .where(and(eq(publicityLists.id, c.req.param('listId')), eq(publicityLists.schoolId, actor.schoolId)))
      .limit(1);
    if (!list) return denied(c, 'not_found', 403);
    if (deps.clock.now() <= list.endsAt) return denied(c, 'publicity_running', 409);
    const entries = await deps.database.db
      .select({ applicationId: publicityEntries.applicationId })
      .from(publicityEntries)
      .innerJoin(applications, eq(applications.id, publicityEntries.applicationId))
      .where(and(eq(publicityEntries.listId, list.id), inArray(applications.status, ['publicised'])));
    for (const entry of entries) {
      const loaded = await loadApplication(deps, entry.applicationId);
      if (loaded) await transitionApplication(deps, actor, loaded, { action: 'report', ip: clientIp(c) });
    }
    return c.redirect('/console/applications/publicity', 303);
  });

  routes.get('/ledger', async (c) => {
    const actor = c.get('actor')!;
    if (!actor.schoolId || !canViewLedger(actor, actor.schoolId)) return denied(c);
    const t = c.get('t');
    const terms = await ledgerTerms(deps, actor.schoolId);
    const termKey = c.req.query('term') ?? terms[0] ?? '';
    const format = c.req.query('format');
    const fullAsked = c.req.query('full') === '1';
    if (fullAsked && !canExportFullIds(actor, actor.schoolId)) {
      await audit(deps, {
        actorType: 'staff',
        actorId: actor.id,
        action: 'ledger.full_ids_refused',
        schoolId: actor.schoolId,
        ip: clientIp(c),
      });
      return denied(c);
    }
    const resolved = await resolveCatalog(deps);
    const names = new Map(
      resolved?.catalog.programmes.map((item) => [item.id, item.name[c.get('locale')]]) ?? [],
    );
    const rows = await ledgerRows(deps, {
      schoolId: actor.schoolId,
      termKey,
      t,
      programmeName: (id) => names.get(id) ?? id,
      fullIds: fullAsked && (format === 'csv' || format === 'xlsx'),
    });
    if (format === 'csv' || format === 'xlsx') {
      await audit(deps, {
        actorType: 'staff',
        actorId: actor.id,
        action: fullAsked ? 'ledger.export_full_ids' : 'ledger.export',
        schoolId: actor.schoolId,
        details: { termKey, format, rows: rows.length - 1 },
        ip: clientIp(c),
      });
      return tableDownload(c, format, t('applications.ledger.file_name', { term: termKey }), rows);
    }
    const [head, ...body] = rows;
    return c.html(
      <Page c={c} title={t('applications.console.ledger_title')}>
        <ApplicationsNav t={t} actor={actor} current="/console/applications/ledger" />
        <form method="get" class="filters">
          <div class="field">
            <label for="term">{t('applications.console.term')}</label>
            <select id="term" name="term">
              {terms.map((term) => (
                <option value={term} selected={term === termKey}>
                  {term}
                </option>
              ))}
            </select>
          </div>
          <div class="buttons">
            <button type="submit" class="secondary">
              {t('applications.console.filter')}
            </button>
          </div>
        </form>
        <p class="exports">
          <a href={`/console/applications/ledger?term=${encodeURIComponent(termKey)}&format=xlsx`}>XLSX</a> ·{' '}
          <a href={`/console/applications/ledger?term=${encodeURIComponent(termKey)}&format=csv`}>CSV</a>
          {canExportFullIds(actor, actor.schoolId) && (
            <>
              {' '}
              ·{' '}
              <a href={`/console/applications/ledger?term=${encodeURIComponent(termKey)}&format=xlsx&full=1`}>
                {t('applications.console.export_full')}
              </a>
            </>
          )}
        </p>
        {body.length === 0 ? (
          <p>{t('applications.console.ledger_empty')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                {head!.map((cell) => (
                  <th>{cell}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {body.map((row) => (
                <tr>
                  {row.map((cell, index) => (
                    <td data-label={head![index]}>{cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Page>,
    );
  });

  return routes;
}
