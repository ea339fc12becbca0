import { and, desc, eq, gte, inArray, isNull, like, lt, ne, or, type SQL } from 'drizzle-orm';
import { Hono } from 'hono';
import { canViewAudit } from '../auth/permissions.js';
import { auditLog, schools, staffAccounts } from '../db/schema.js';
import type { AppDeps } from '../platform/ports.js';
import type { ConsoleEnv } from './console-env.js';
import { forbidden } from './denied-page.js';
import { Layout } from './layout.js';

const PAGE_SIZE = 200;
const DAY_MS = 86_400_000;

/** The audit log of one's own school (or district), newest first, filtered by action, person and dates. */
export function auditRoutes(deps: AppDeps) {
  const routes = new Hono<ConsoleEnv>();
  routes.get('/', async (c) => {
    const actor = c.get('actor')!;
    if (!canViewAudit(actor)) return forbidden(c);
    const t = c.get('t');
    const { db } = deps.database;
    const filters = {
      action: (c.req.query('action') ?? '').trim().slice(0, 60),
      actor: (c.req.query('actor') ?? '').trim().slice(0, 80),
      from: (c.req.query('from') ?? '').trim(),
      to: (c.req.query('to') ?? '').trim(),
    };
    const scope =
      actor.role === 'district_officer'
        ? or(
            inArray(
              auditLog.schoolId,
              db
                .select({ id: schools.id })
                .from(schools)
                .where(eq(schools.districtId, actor.districtId ?? '')),
            ),
            // Events that belong to no school: the district's own staff (log-ins, accounts, catalogues), and
            // chat users and unknown log-ins, who cannot be placed anywhere else.
            and(
              isNull(auditLog.schoolId),
              or(
                ne(auditLog.actorType, 'staff'),
                inArray(
                  auditLog.actorId,
                  db
                    .select({ id: staffAccounts.id })
                    .from(staffAccounts)
                    .where(eq(staffAccounts.districtId, actor.districtId ?? '')),
                ),
              ),
            ),
          )
        : eq(auditLog.schoolId, actor.schoolId ?? '');
    const where: (SQL | undefined)[] = [scope];
    if (filters.action) where.push(like(auditLog.action, `${filters.action}%`));
    if (filters.actor) where.push(eq(auditLog.actorId, filters.actor));
    const from = Date.parse(filters.from);
    const to = Date.parse(filters.to);
    if (Number.isFinite(from)) where.push(gte(auditLog.at, from));
    if (Number.isFinite(to)) where.push(lt(auditLog.at, to + DAY_MS));
    const rows = await db
      .select()
      .from(auditLog)
      .where(and(...where))
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(PAGE_SIZE);
    return c.html(
      <Layout t={t} locale={c.get('locale')} actor={actor} title={t('console.audit.title')}>
        <form method="get" action="/console/audit" class="card">
          <label for="action">{t('console.audit.action')}</label>
          <input
            type="text"
            id="action"
            name="action"
            value={filters.action}
            placeholder="auth. / roster. / binding."
          />
          <label for="actor">{t('console.audit.actor')}</label>
          <input type="text" id="actor" name="actor" value={filters.actor} />
          <label for="from">{t('console.audit.from')}</label>
          <input type="date" id="from" name="from" value={filters.from} />
          <label for="to">{t('console.audit.to')}</label>
          <input type="date" id="to" name="to" value={filters.to} />{' '}
          <button type="submit">{t('console.audit.filter')}</button>
        </form>
        <table id="audit">
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
            {rows.map((row) => (
              <tr data-action={row.action}>
                <td>{new Date(row.at).toISOString().replace('T', ' ').slice(0, 19)}</td>
                <td>
                  {row.actorType}
                  {row.actorId ? `: ${row.actorId}` : ''}
                </td>
                <td>{row.action}</td>
                <td>{row.targetType ? `${row.targetType} ${row.targetId ?? ''}` : ''}</td>
                <td>
                  <code>{row.details ?? ''}</code>
                  {row.ip ? <div class="muted">{row.ip}</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === PAGE_SIZE && <p class="muted">{t('console.audit.more', { count: PAGE_SIZE })}</p>}
      </Layout>,
    );
  });
  return routes;
}
