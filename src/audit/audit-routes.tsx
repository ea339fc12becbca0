import { Hono } from 'hono';
import { canViewAudit } from '../auth/permissions.js';
import type { ConsoleEnv } from '../console/console-env.js';
import { forbidden } from '../console/denied-page.js';
import { Layout } from '../console/layout.js';
import { clientIp } from '../http/client-ip.js';
import type { AppDeps } from '../platform/ports.js';
import { zoneLabel } from '../util/local-time.js';
import { auditCsv } from './audit-csv.js';
import { audit } from './audit-log.js';
import { resolveAuditNames } from './audit-names.js';
import { type AuditFilters, actionsInScope, queryAudit, staffInScope } from './audit-query.js';
import { actionLabel, describeAuditEntry } from './describe-audit-entry.js';

const PAGE_SIZE = 200;
const EXPORT_LIMIT = 10_000;

function filtersOf(query: (name: string) => string | undefined): AuditFilters {
  const date = (value: string | undefined) => (/^\d{4}-\d{2}-\d{2}$/.test(value ?? '') ? value! : '');
  return {
    action: (query('action') ?? '').trim().slice(0, 60),
    actor: (query('actor') ?? '').trim().slice(0, 80),
    from: date(query('from')),
    to: date(query('to')),
  };
}

/** The audit log a school officer can read: names not ids, local time with its zone, a filter, CSV export. */
export function auditRoutes(deps: AppDeps) {
  const routes = new Hono<ConsoleEnv>();
  const timeZone = deps.config.TIME_ZONE;

  routes.get('/', async (c) => {
    const actor = c.get('actor')!;
    if (!canViewAudit(actor)) return forbidden(c);
    const t = c.get('t');
    const filters = filtersOf((name) => c.req.query(name));
    const [rows, actions, staff] = await Promise.all([
      queryAudit(deps, actor, filters, PAGE_SIZE),
      actionsInScope(deps, actor),
      staffInScope(deps, actor),
    ]);
    const names = await resolveAuditNames(deps, rows);
    const lines = rows.map((row) => ({ row, line: describeAuditEntry(row, names, t, timeZone) }));
    const exportQuery = new URLSearchParams(Object.entries(filters).filter(([, value]) => value)).toString();
    return c.html(
      <Layout
        t={t}
        locale={c.get('locale')}
        inboxUnread={c.get('inboxUnread')}
        actor={actor}
        title={t('console.audit.title')}
      >
        <form method="get" action="/console/audit" class="card filters">
          <div>
            <label for="action">{t('console.audit.action')}</label>
            <select id="action" name="action">
              <option value="">{t('audit.all_actions')}</option>
              {actions.map((action) => (
                <option value={action} selected={action === filters.action}>
                  {actionLabel(t, action)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="actor">{t('console.audit.actor')}</label>
            <select id="actor" name="actor">
              <option value="">{t('audit.all_staff')}</option>
              {staff.map((person) => (
                <option value={person.id} selected={person.id === filters.actor}>
                  {person.displayName}（{person.username}）
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="from">{t('console.audit.from')}</label>
            <input type="date" id="from" name="from" value={filters.from} />
          </div>
          <div>
            <label for="to">{t('console.audit.to')}</label>
            <input type="date" id="to" name="to" value={filters.to} />
          </div>
          <div class="buttons">
            <button type="submit">{t('console.audit.filter')}</button>{' '}
            <a
              class="button secondary"
              href={`/console/audit/export.csv${exportQuery ? `?${exportQuery}` : ''}`}
            >
              {t('audit.export')}
            </a>
          </div>
        </form>
        <p class="muted">{t('audit.times_in', { zone: zoneLabel(timeZone, deps.clock.now()) })}</p>
        <table id="audit" class="stack">
          <thead>
            <tr>
              <th>{t('console.audit.time')}</th>
              <th>{t('console.audit.actor')}</th>
              <th>{t('console.audit.action')}</th>
              <th>{t('console.audit.target')}</th>
              <th>{t('console.audit.details')}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map(({ row, line }) => (
              <tr data-action={row.action}>
                <td data-label={t('console.audit.time')}>{line.time}</td>
                <td data-label={t('console.audit.actor')}>{line.actor}</td>
                <td data-label={t('console.audit.action')}>{line.action}</td>
                <td data-label={t('console.audit.target')}>{line.target}</td>
                <td data-label={t('console.audit.details')}>
                  {line.details}
                  {line.ip ? <div class="muted">{line.ip}</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <p class="muted">{t('audit.none')}</p>}
        {rows.length === PAGE_SIZE && <p class="muted">{t('console.audit.more', { count: PAGE_SIZE })}</p>}
      </Layout>,
    );
  });

  routes.get('/export.csv', async (c) => {
    const actor = c.get('actor')!;
    if (!canViewAudit(actor)) return forbidden(c);
    const t = c.get('t');
    const filters = filtersOf((name) => c.req.query(name));
    const rows = await queryAudit(deps, actor, filters, EXPORT_LIMIT);
    const names = await resolveAuditNames(deps, rows);
    const zone = zoneLabel(timeZone, deps.clock.now());
    const header = [
      `${t('console.audit.time')}（${zone}）`,
      t('console.audit.actor'),
      t('console.audit.action'),
      t('console.audit.target'),
      t('console.audit.details'),
      t('audit.ip'),
    ];
    const csv = auditCsv(
      header,
      rows.map((row) => describeAuditEntry(row, names, t, timeZone)),
    );
    // Exporting the log is itself a look at who did what to which child: logged.
    await audit(deps, {
      actorType: 'staff',
      actorId: actor.id,
      action: 'audit.export',
      schoolId: actor.schoolId,
      details: { rows: rows.length },
      ip: clientIp(c),
    });
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="audit-log.csv"; filename*=UTF-8''${encodeURIComponent(t('audit.file_name'))}`,
      'cache-control': 'private, no-store',
    });
  });

  return routes;
}
