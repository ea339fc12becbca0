import { asc, eq } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { raw } from 'hono/html';
import { audit } from '../../audit/audit-log.js';
import { canViewDistrictAwareness, canViewTermAwareness } from '../../auth/permissions.js';
import type { ConsoleEnv } from '../../console/console-env.js';
import { forbidden, notFound } from '../../console/denied-page.js';
import { Layout } from '../../console/layout.js';
import { schools } from '../../db/schema.js';
import { type ExportFormat, tableDownload } from '../../export/index.js';
import { clientIp } from '../../http/client-ip.js';
import type { Translate } from '../../i18n/index.js';
import type { AppDeps } from '../../platform/ports.js';
import { zoneLabel } from '../../util/local-time.js';
import {
  AwarenessChart,
  AwarenessTable,
  AwarenessTiles,
  ChartLegend,
  DASHBOARD_STYLE,
} from '../dashboard/awareness-chart.js';
import { AWARENESS_STEPS, type ProgressRow } from '../dashboard/roll-up.js';
import { formatLocalDate, formatLocalTime } from '../format-time.js';
import { type NoticeProgress, rate } from '../notice-stats.js';
import { districtTermAwareness, type SchoolTermRow } from './district-awareness.js';
import { schoolTermAwareness } from './term-awareness.js';
import { configuredTerms, type TermWindow, termBounds, termChoices, windowFor } from './term-window.js';

const FORMATS: readonly ExportFormat[] = ['csv', 'xlsx'];

/**
 * /console/notices/term (a school's 知晓率 across the term's notices) and /console/notices/district (every
 * school of the district in one term), each with CSV/XLSX export. Mounted before the per-notice pages.
 */
export function noticeTermRoutes(deps: AppDeps) {
  const routes = new Hono<ConsoleEnv>();
  const zone = deps.config.TIME_ZONE;
  const today = () => formatLocalDate(deps.clock.now(), zone);

  /** The chosen term (a known key from the query, else the one today falls in). */
  const pickTerm = (c: Context<ConsoleEnv>, configured: readonly TermWindow[]) => {
    const { choices, current } = termChoices(configured, today());
    const asked = c.req.query('term');
    const key = asked && choices.some((term) => term.key === asked) ? asked : current;
    return { choices, key };
  };

  /** The school asked for and whether this person may see its term; a teacher sees their own classes only. */
  const schoolTerm = async (c: Context<ConsoleEnv>, { page }: { page: boolean }) => {
    const actor = c.get('actor')!;
    const schoolId = c.req.query('schoolId') || actor.schoolId;
    // Someone with no school of their own (the district officer) picks one first; an export needs one.
    if (!schoolId) return { response: page ? await schoolPicker(c) : notFound(c) };
    const [school] = await deps.database.db
      .select({ id: schools.id, name: schools.name, districtId: schools.districtId })
      .from(schools)
      .where(eq(schools.id, schoolId));
    if (!school) return { response: notFound(c) };
    if (!canViewTermAwareness(actor, school)) return { response: forbidden(c) };
    const configured = (await configuredTerms(deps, [school.id])).get(school.id) ?? [];
    const { choices, key } = pickTerm(c, configured);
    const window = windowFor(key, configured)!;
    const classIds = actor.role === 'class_teacher' ? actor.classIds : null;
    const data = await schoolTermAwareness(deps, school.id, termBounds(window, zone), classIds);
    return { school, choices, window, data, ownClassesOnly: classIds !== null };
  };

  /** A district officer who opened the school view without a school: the schools to choose from. */
  const schoolPicker = async (c: Context<ConsoleEnv>) => {
    const actor = c.get('actor')!;
    const t = c.get('t');
    if (!canViewDistrictAwareness(actor)) return forbidden(c);
    const list = await deps.database.db
      .select({ id: schools.id, name: schools.name })
      .from(schools)
      .where(eq(schools.districtId, actor.districtId!))
      .orderBy(asc(schools.name));
    return c.html(
      <Layout
        t={t}
        locale={c.get('locale')}
        inboxUnread={c.get('inboxUnread')}
        actor={actor}
        title={t('noticeTerm.title_any')}
      >
        <p>
          <a href="/console/notices/district">{t('noticeTerm.district_link')}</a>
        </p>
        <ul>
          {list.map((school) => (
            <li>
              <a href={`/console/notices/term?schoolId=${school.id}`}>{school.name}</a>
            </li>
          ))}
        </ul>
      </Layout>,
    );
  };

  const noticeRows = (data: Awaited<ReturnType<typeof schoolTermAwareness>>): ProgressRow[] =>
    data.notices.map((row) => ({ key: row.noticeId, label: row.title, progress: row.progress }));

  routes.get('/term', async (c) => {
    const found = await schoolTerm(c, { page: true });
    if ('response' in found) return found.response;
    const { school, choices, window, data, ownClassesOnly } = found;
    const t = c.get('t');
    const actor = c.get('actor')!;
    const query = `schoolId=${encodeURIComponent(school.id)}&term=${encodeURIComponent(window.key)}`;
    const rows = noticeRows(data);
    const sentOn = new Map(data.notices.map((row) => [row.noticeId, row]));
    return c.html(
      <Layout
        t={t}
        locale={c.get('locale')}
        inboxUnread={c.get('inboxUnread')}
        actor={actor}
        title={t('noticeTerm.title', { school: school.name })}
      >
        <style>{raw(DASHBOARD_STYLE)}</style>
        <TermPicker
          t={t}
          action="/console/notices/term"
          choices={choices}
          chosen={window.key}
          schoolId={school.id}
        />
        <TermDates t={t} window={window} zone={zone} now={deps.clock.now()} />
        {ownClassesOnly && <p class="muted">{t('noticeTerm.own_classes')}</p>}
        {actor.role === 'district_officer' && (
          <p>
            <a href={`/console/notices/district?term=${encodeURIComponent(window.key)}`}>
              {t('noticeTerm.district_link')}
            </a>
          </p>
        )}
        {rows.length === 0 ? (
          <p class="muted" id="no-notices">
            {t('noticeTerm.none')}
          </p>
        ) : (
          <>
            <AwarenessTiles t={t} progress={data.total} />
            <p class="muted">
              {t('noticeTerm.families_note', { families: data.families, notices: rows.length })}
            </p>
            <ExportLinks t={t} path="/console/notices/term" query={query} />
            <ChartLegend t={t} />
            <h2>{t('noticeTerm.by_notice')}</h2>
            <div class="stacked">
              <AwarenessChart t={t} rows={rows} title={t('noticeTerm.by_notice')} />
              <div class="scroll">
                <AwarenessTable
                  t={t}
                  rows={rows}
                  heading={t('noticeTerm.notice')}
                  labelLink={(row) => `/console/notices/${row.key}/dashboard`}
                  link={(row) => `/console/notices/${row.key}/pending`}
                  extra={[
                    {
                      heading: t('notices.console.sent_at'),
                      cell: (row) => formatLocalTime(sentOn.get(row.key)?.sentAt ?? 0, zone),
                    },
                  ]}
                />
              </div>
            </div>
            <h2>{t('noticeTerm.school_total')}</h2>
            <div class="scroll">
              <AwarenessTable
                t={t}
                rows={[{ key: school.id, label: school.name, progress: data.total }]}
                heading={t('console.classes.school')}
                totalHeading={t('noticeTerm.family_notices')}
              />
            </div>
          </>
        )}
      </Layout>,
    );
  });

  for (const format of FORMATS) {
    routes.get(`/term.${format}`, async (c) => {
      const found = await schoolTerm(c, { page: false });
      if ('response' in found) return found.response;
      const { school, window, data } = found;
      const t = c.get('t');
      await auditExport(c, 'notice.term_stats.export', school.id, { format, term: window.key });
      const lines = [
        ...data.notices.map((row) => [
          row.title,
          String(row.version),
          formatLocalTime(row.sentAt, zone),
          ...figures(row.progress),
        ]),
        [t('noticeTerm.school_total'), '', '', ...figures(data.total)],
      ];
      return tableDownload(
        c,
        format,
        t('noticeTerm.file', { school: school.name, term: termName(t, window) }),
        [
          [
            t('noticeTerm.notice'),
            t('noticeTerm.version'),
            t('notices.console.sent_at'),
            ...figureHeaders(t),
          ],
          ...lines,
        ],
      );
    });
  }

  const districtTerm = async (c: Context<ConsoleEnv>) => {
    const actor = c.get('actor')!;
    if (!canViewDistrictAwareness(actor)) return { response: forbidden(c) };
    const districtId = actor.districtId!;
    const list = await deps.database.db
      .select({ id: schools.id })
      .from(schools)
      .where(eq(schools.districtId, districtId));
    const configured = await configuredTerms(
      deps,
      list.map((school) => school.id),
    );
    const { choices, key } = pickTerm(c, [...configured.values()].flat());
    const data = await districtTermAwareness(deps, districtId, key);
    return { choices, key, data };
  };

  routes.get('/district', async (c) => {
    const found = await districtTerm(c);
    if ('response' in found) return found.response;
    const { choices, key, data } = found;
    const t = c.get('t');
    const actor = c.get('actor')!;
    const rows: ProgressRow[] = data.schools.map((row) => ({
      key: row.schoolId,
      label: schoolLabel(t, row),
      progress: row.progress,
    }));
    const bySchool = new Map(data.schools.map((row) => [row.schoolId, row]));
    const query = `term=${encodeURIComponent(key)}`;
    const chosen = choices.find((term) => term.key === key)!;
    return c.html(
      <Layout
        t={t}
        locale={c.get('locale')}
        inboxUnread={c.get('inboxUnread')}
        actor={actor}
        title={t('noticeTerm.district_title')}
      >
        <style>{raw(DASHBOARD_STYLE)}</style>
        <TermPicker t={t} action="/console/notices/district" choices={choices} chosen={key} />
        <p class="muted">
          {t('noticeTerm.district_dates', {
            term: termName(t, chosen),
            zone: zoneLabel(zone, deps.clock.now()),
          })}
        </p>
        <AwarenessTiles t={t} progress={data.total} />
        <ExportLinks t={t} path="/console/notices/district" query={query} />
        <ChartLegend t={t} />
        <h2>{t('noticeTerm.by_school')}</h2>
        <div class="stacked">
          <AwarenessChart t={t} rows={rows} title={t('noticeTerm.by_school')} />
          <div class="scroll">
            <AwarenessTable
              t={t}
              rows={rows}
              heading={t('console.classes.school')}
              totalHeading={t('noticeTerm.family_notices')}
              labelLink={(row) => `/console/notices/term?schoolId=${encodeURIComponent(row.key)}&${query}`}
              extra={[
                { heading: t('noticeTerm.notices'), cell: (row) => bySchool.get(row.key)?.notices ?? 0 },
                { heading: t('noticeTerm.families'), cell: (row) => bySchool.get(row.key)?.families ?? 0 },
                {
                  heading: t('noticeTerm.dates'),
                  cell: (row) => {
                    const window = bySchool.get(row.key)?.window;
                    return window ? termDates(t, window) : '';
                  },
                },
              ]}
            />
          </div>
        </div>
      </Layout>,
    );
  });

  for (const format of FORMATS) {
    routes.get(`/district.${format}`, async (c) => {
      const found = await districtTerm(c);
      if ('response' in found) return found.response;
      const { key, choices, data } = found;
      const t = c.get('t');
      await auditExport(c, 'notice.district_stats.export', null, { format, term: key });
      const chosen = choices.find((term) => term.key === key)!;
      return tableDownload(c, format, t('noticeTerm.district_file', { term: termName(t, chosen) }), [
        [
          t('console.classes.school'),
          t('noticeTerm.notices'),
          t('noticeTerm.families'),
          t('noticeTerm.dates'),
          ...figureHeaders(t, t('noticeTerm.family_notices')),
        ],
        ...data.schools.map((row) => [
          schoolLabel(t, row),
          String(row.notices),
          String(row.families),
          termDates(t, row.window),
          ...figures(row.progress),
        ]),
        [t('noticeTerm.district_total'), '', '', '', ...figures(data.total)],
      ]);
    });
  }

  const schoolLabel = (t: Translate, row: SchoolTermRow) =>
    row.closedAt === null ? row.schoolName : t('noticeTerm.closed_school', { school: row.schoolName });

  const auditExport = (
    c: Context<ConsoleEnv>,
    action: string,
    schoolId: string | null,
    details: Record<string, unknown>,
  ) =>
    audit(deps, {
      actorType: 'staff',
      actorId: c.get('actor')!.id,
      action,
      targetType: schoolId ? 'school' : 'district',
      targetId: schoolId ?? c.get('actor')!.districtId,
      schoolId,
      details,
      ip: clientIp(c),
    });

  return routes;
}

function figureHeaders(t: Translate, total = t('notices.console.total')): string[] {
  return [
    total,
    ...AWARENESS_STEPS.flatMap((step) => [t(`notices.console.${step}`), `${t(`notices.console.${step}`)} %`]),
  ];
}

function figures(progress: NoticeProgress): string[] {
  return [
    String(progress.total),
    ...AWARENESS_STEPS.flatMap((step) => [
      String(progress[step]),
      String(rate(progress[step], progress.total)),
    ]),
  ];
}

function termName(t: Translate, window: TermWindow): string {
  return t(`noticeTerm.term_${window.term}`, { year: window.schoolYear });
}

/** A school's dates of a term, saying when they are the usual ones rather than its own. */
function termDates(t: Translate, window: TermWindow): string {
  const dates = { from: window.startsOn, to: window.endsOn };
  return t(window.configured ? 'noticeTerm.dates_own' : 'noticeTerm.dates_calendar', dates);
}

function TermPicker({
  t,
  action,
  choices,
  chosen,
  schoolId,
}: {
  t: Translate;
  action: string;
  choices: readonly TermWindow[];
  chosen: string;
  schoolId?: string;
}) {
  return (
    <form method="get" action={action} class="actions" id="term-picker">
      {schoolId && <input type="hidden" name="schoolId" value={schoolId} />}
      <label>
        {t('noticeTerm.term')}{' '}
        <select name="term">
          {choices.map((term) => (
            <option value={term.key} selected={term.key === chosen}>
              {termName(t, term)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" class="secondary">
        {t('noticeTerm.show')}
      </button>
    </form>
  );
}

function TermDates({
  t,
  window,
  zone,
  now,
}: {
  t: Translate;
  window: TermWindow;
  zone: string;
  now: number;
}) {
  return (
    <p class="muted" id="term-dates">
      {t('noticeTerm.dates_line', {
        term: termName(t, window),
        from: window.startsOn,
        to: window.endsOn,
        zone: zoneLabel(zone, now),
      })}
      {!window.configured && <> {t('noticeTerm.calendar_note')}</>}
    </p>
  );
}

function ExportLinks({ t, path, query }: { t: Translate; path: string; query: string }) {
  return (
    <p class="actions">
      <a href={`${path}.xlsx?${query}`}>{t('noticeDashboard.export_xlsx')}</a>
      <a href={`${path}.csv?${query}`}>{t('noticeDashboard.export_csv')}</a>
    </p>
  );
}
