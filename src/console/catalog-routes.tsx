import { and, eq, isNull } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { auditStatement } from '../audit/audit-log.js';
import { canManageCatalogs } from '../auth/permissions.js';
import { policyCatalogs } from '../db/schema.js';
import { clientIp } from '../http/client-ip.js';
import type { Locale, Translate } from '../i18n/index.js';
import type { AppDeps } from '../platform/ports.js';
import { toDateKey } from '../policy/eligibility/date-key.js';
import { valueInForce } from '../policy/eligibility/dated-value.js';
import { type Catalog, formatDatedValue, getCatalog, listCatalogs, parseCatalog } from '../policy/index.js';
import {
  confirmedCatalogVersions,
  forgetActiveUploads,
  MAX_CATALOG_BYTES,
  type StoredCatalogVersion,
  storedCatalog,
} from '../policy-api/index.js';
import { newId } from '../util/ids.js';
import type { ConsoleEnv } from './console-env.js';
import { forbidden, notFound } from './denied-page.js';
import { CsrfField, Layout } from './layout.js';

const MAX_ERRORS_SHOWN = 200;

type Ctx = Context<ConsoleEnv>;

/**
 * Policy catalogues: everyone logged in sees the catalogues and every version; the district officer uploads a
 * new version (validated, previewed, confirmed) or switches one off. Nothing is ever deleted.
 */
export function catalogRoutes(deps: AppDeps) {
  const routes = new Hono<ConsoleEnv>();
  const today = () => toDateKey(new Date(deps.clock.now()));
  /** The catalogue list again, with what went wrong on top. */
  const listWithError = async (
    c: Context<ConsoleEnv>,
    status: 400 | 409 | 413 | 422,
    error: string,
    errors: string[] = [],
  ) =>
    c.html(
      <ListPage
        c={c}
        defaultCatalog={deps.config.DEFAULT_CATALOG}
        versions={await confirmedCatalogVersions(deps)}
        error={error}
        errors={errors}
      />,
      status,
    );

  routes.get('/', async (c) =>
    c.html(
      <ListPage
        c={c}
        defaultCatalog={deps.config.DEFAULT_CATALOG}
        versions={await confirmedCatalogVersions(deps)}
      />,
    ),
  );

  routes.post('/upload', async (c) => {
    const actor = c.get('actor')!;
    if (!canManageCatalogs(actor)) return forbidden(c);
    const t = c.get('t');
    const versions = await confirmedCatalogVersions(deps);
    const again = (status: 400 | 409 | 413 | 422, error: string, errors: string[] = []) =>
      listWithError(c, status, error, errors);

    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File) || file.size === 0) return again(400, t('catalogs.no_file'));
    if (file.size > MAX_CATALOG_BYTES)
      return again(413, t('catalogs.too_large', { maxKb: MAX_CATALOG_BYTES / 1024 }));
    const text = (await file.text()).replace(/^\uFEFF/, '');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      return again(422, t('catalogs.invalid_json', { message: error instanceof Error ? error.message : '' }));
    }
    const parsed = parseCatalog(json);
    if (!parsed.ok) {
      return again(422, t('catalogs.invalid_title'), [
        t('catalogs.invalid_intro', { count: parsed.errors.length }),
        ...parsed.errors.slice(0, MAX_ERRORS_SHOWN),
      ]);
    }
    const { catalog } = parsed;
    if (versionTaken(catalog, versions)) {
      return again(409, t('catalogs.duplicate_version', { id: catalog.id, version: catalog.version }));
    }
    const id = newId('cat_');
    await deps.database.db.insert(policyCatalogs).values({
      id,
      catalogId: catalog.id,
      version: catalog.version,
      json: JSON.stringify(json),
      fileName: file.name.slice(0, 200),
      uploadedBy: actor.id,
      createdAt: deps.clock.now(),
      confirmedAt: null,
      active: false,
    });
    const current = inUse(catalog.id, versions);
    return c.html(<PreviewPage c={c} pendingId={id} catalog={catalog} today={today()} current={current} />);
  });

  routes.post('/pending/:id/confirm', async (c) => {
    const actor = c.get('actor')!;
    if (!canManageCatalogs(actor)) return forbidden(c);
    const t = c.get('t');
    const row = await storedCatalog(deps, c.req.param('id'));
    if (!row || row.uploadedBy !== actor.id) return notFound(c);
    const versions = await confirmedCatalogVersions(deps);
    if (row.confirmedAt !== null) return listWithError(c, 409, t('catalogs.already_confirmed'));
    if (versions.some((version) => version.catalogId === row.catalogId && version.version === row.version)) {
      return listWithError(
        c,
        409,
        t('catalogs.duplicate_version', { id: row.catalogId, version: row.version }),
      );
    }
    const { db } = deps.database;
    const [changed] = await deps.database.atomic([
      db
        .update(policyCatalogs)
        .set({ confirmedAt: deps.clock.now(), active: true })
        .where(and(eq(policyCatalogs.id, row.id), isNull(policyCatalogs.confirmedAt))),
      auditStatement(deps, {
        actorType: 'staff',
        actorId: actor.id,
        action: 'catalog.upload',
        targetType: 'policy_catalog',
        targetId: row.id,
        details: { catalogId: row.catalogId, version: row.version, fileName: row.fileName },
        ip: clientIp(c),
      }),
    ]);
    if (changed !== 1) return listWithError(c, 409, t('catalogs.already_confirmed'));
    forgetActiveUploads(deps);
    return c.redirect(`/console/catalogs/versions/${row.id}?done=published`, 303);
  });

  routes.post('/versions/:id/active', async (c) => {
    const actor = c.get('actor')!;
    if (!canManageCatalogs(actor)) return forbidden(c);
    const row = await storedCatalog(deps, c.req.param('id'));
    if (!row || row.confirmedAt === null) return notFound(c);
    const form = await c.req.parseBody();
    const active = form.active === 'true';
    await deps.database.atomic([
      deps.database.db.update(policyCatalogs).set({ active }).where(eq(policyCatalogs.id, row.id)),
      auditStatement(deps, {
        actorType: 'staff',
        actorId: actor.id,
        action: active ? 'catalog.activate' : 'catalog.deactivate',
        targetType: 'policy_catalog',
        targetId: row.id,
        details: { catalogId: row.catalogId, version: row.version },
        ip: clientIp(c),
      }),
    ]);
    forgetActiveUploads(deps);
    return c.redirect(
      `/console/catalogs/versions/${row.id}?done=${active ? 'activated' : 'deactivated'}`,
      303,
    );
  });

  routes.get('/versions/:id', async (c) => {
    const row = await storedCatalog(deps, c.req.param('id'));
    if (!row || row.confirmedAt === null) return notFound(c);
    const parsed = parseCatalog(JSON.parse(row.json));
    if (!parsed.ok) return notFound(c);
    const versions = await confirmedCatalogVersions(deps);
    const stored = versions.find((version) => version.id === row.id);
    const done = c.req.query('done');
    const notice =
      done === 'published'
        ? c.get('t')('catalogs.confirmed', { id: row.catalogId, version: row.version })
        : done === 'activated' || done === 'deactivated'
          ? c.get('t')(`catalogs.${done}`)
          : undefined;
    return c.html(
      <VersionPage
        c={c}
        catalog={parsed.catalog}
        today={today()}
        stored={stored}
        status={statusOf(stored, versions)}
        notice={notice}
      />,
    );
  });

  routes.get('/versions/:id/json', async (c) => {
    const row = await storedCatalog(deps, c.req.param('id'));
    if (!row || row.confirmedAt === null) return notFound(c);
    return c.body(row.json, 200, {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="${row.catalogId}-${encodeURIComponent(row.version)}.json"`,
    });
  });

  routes.get('/shipped/:catalogId', async (c) => {
    const catalog = getCatalog(c.req.param('catalogId'));
    if (!catalog) return notFound(c);
    const versions = await confirmedCatalogVersions(deps);
    const status = inUse(catalog.id, versions) ? 'kept' : 'in_use';
    return c.html(<VersionPage c={c} catalog={catalog} today={today()} status={status} />);
  });

  return routes;
}

type Status = 'in_use' | 'kept' | 'inactive';

/** The upload answers use for a catalogue id: its newest active version (the list is newest first). */
function inUse(catalogId: string, versions: readonly StoredCatalogVersion[]) {
  return versions.find((version) => version.catalogId === catalogId && version.active);
}

function statusOf(
  stored: StoredCatalogVersion | undefined,
  versions: readonly StoredCatalogVersion[],
): Status {
  if (!stored) return 'kept';
  if (!stored.active) return 'inactive';
  return inUse(stored.catalogId, versions)?.id === stored.id ? 'in_use' : 'kept';
}

function versionTaken(catalog: Catalog, versions: readonly StoredCatalogVersion[]): boolean {
  if (getCatalog(catalog.id)?.version === catalog.version) return true;
  return versions.some((version) => version.catalogId === catalog.id && version.version === catalog.version);
}

function formatTime(ms: number): string {
  // Beijing time, as the schools read it.
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

function ListPage({
  c,
  versions,
  defaultCatalog,
  error,
  errors = [],
}: {
  c: Ctx;
  versions: readonly StoredCatalogVersion[];
  defaultCatalog: string;
  error?: string;
  errors?: string[];
}) {
  const t = c.get('t');
  const actor = c.get('actor')!;
  const locale = c.get('locale');
  const shipped = listCatalogs();
  const ids = [
    ...new Set([...shipped.map((catalog) => catalog.id), ...versions.map((version) => version.catalogId)]),
  ];
  return (
    <Layout
      t={t}
      locale={locale}
      inboxUnread={c.get('inboxUnread')}
      actor={actor}
      title={t('catalogs.title')}
    >
      <p class="muted">{t('catalogs.intro')}</p>
      {canManageCatalogs(actor) ? (
        <form
          method="post"
          action="/console/catalogs/upload"
          enctype="multipart/form-data"
          class="card"
          id="upload"
        >
          <h2>{t('catalogs.upload_title')}</h2>
          {error && <p class="error">{error}</p>}
          {errors.length > 0 && (
            <ul id="catalog-errors">
              {errors.map((line) => (
                <li class="error">{line}</li>
              ))}
            </ul>
          )}
          <p class="muted">{t('catalogs.upload_hint')}</p>
          <CsrfField actor={actor} />
          <label for="file">{t('catalogs.file')}</label>
          <input type="file" id="file" name="file" accept=".json,application/json" required />{' '}
          <button type="submit">{t('catalogs.preview_button')}</button>
        </form>
      ) : (
        <p class="muted">{error ?? t('catalogs.only_district')}</p>
      )}
      <table id="catalogs">
        <thead>
          <tr>
            <th>{t('catalogs.col_catalog')}</th>
            <th>{t('catalogs.col_version')}</th>
            <th>{t('catalogs.col_source')}</th>
            <th>{t('catalogs.col_uploaded_by')}</th>
            <th>{t('catalogs.col_uploaded_at')}</th>
            <th>{t('catalogs.col_status')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {ids.map((id) => {
            const current = inUse(id, versions);
            const own = versions.filter((version) => version.catalogId === id);
            const bundled = shipped.find((catalog) => catalog.id === id);
            const isDefault = id === defaultCatalog;
            return (
              <>
                {own.map((version) => (
                  <tr
                    data-catalog={id}
                    data-version={version.version}
                    data-status={statusOf(version, versions)}
                  >
                    <td>
                      {id}
                      {isDefault && <span class="ok"> · {t('catalogs.default_badge')}</span>}
                    </td>
                    <td>{version.version}</td>
                    <td>{t('catalogs.uploaded')}</td>
                    <td>{version.uploadedByName ?? version.uploadedBy}</td>
                    <td>{version.confirmedAt ? formatTime(version.confirmedAt) : ''}</td>
                    <td>
                      <StatusLabel t={t} status={statusOf(version, versions)} />
                    </td>
                    <td>
                      <a href={`/console/catalogs/versions/${version.id}`}>{t('catalogs.view')}</a>
                    </td>
                  </tr>
                ))}
                {bundled && (
                  <tr
                    data-catalog={id}
                    data-version={bundled.version}
                    data-status={current ? 'kept' : 'in_use'}
                  >
                    <td>
                      {id}
                      {isDefault && <span class="ok"> · {t('catalogs.default_badge')}</span>}
                    </td>
                    <td>{bundled.version}</td>
                    <td>{t('catalogs.shipped')}</td>
                    <td class="muted">—</td>
                    <td>{bundled.publishedAt}</td>
                    <td>
                      <StatusLabel t={t} status={current ? 'kept' : 'in_use'} />
                    </td>
                    <td>
                      <a href={`/console/catalogs/shipped/${id}`}>{t('catalogs.view')}</a>
                    </td>
                  </tr>
                )}
              </>
            );
          })}
        </tbody>
      </table>
    </Layout>
  );
}

function StatusLabel({ t, status }: { t: Translate; status: Status }) {
  return <span class={status === 'in_use' ? 'ok' : 'muted'}>{t(`catalogs.${status}`)}</span>;
}

function ProgrammeTable({
  catalog,
  today,
  t,
  locale,
}: {
  catalog: Catalog;
  today: string;
  t: Translate;
  locale: Locale;
}) {
  return (
    <table id="programmes">
      <thead>
        <tr>
          <th>{t('catalogs.col_programme')}</th>
          <th>{t('catalogs.col_stages')}</th>
          <th>{t('catalogs.col_amounts')}</th>
          <th>{t('catalogs.col_application')}</th>
        </tr>
      </thead>
      <tbody>
        {catalog.programmes.map((programme) => (
          <tr data-programme={programme.id}>
            <td>
              {programme.name[locale]}
              <div class="muted">{programme.id}</div>
            </td>
            <td>
              {programme.stages
                .map((stage) => t(`policy.stage.${stage}`))
                .join(t('policy.describe.listSeparator'))}
            </td>
            <td>
              {programme.amounts.map((rule) => {
                const value = valueInForce(rule.values, today);
                return (
                  <div>
                    {rule.label[locale]}：
                    {value ? (
                      <>
                        {formatDatedValue(value, locale)}
                        {value.verification !== 'verified' && (
                          <span class="warn"> {t('catalogs.unverified')}</span>
                        )}
                      </>
                    ) : (
                      <span class="muted">{t('catalogs.no_value_today')}</span>
                    )}
                  </div>
                );
              })}
            </td>
            <td>
              {t(programme.applicationRequired ? 'catalogs.needs_application' : 'catalogs.no_application')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CatalogFacts({ catalog, t, locale }: { catalog: Catalog; t: Translate; locale: Locale }) {
  return (
    <div class="card">
      <div>{catalog.title[locale]}</div>
      <div>{t('catalogs.region', { region: catalog.region[locale] })}</div>
      <div>{t('catalogs.published_at', { date: catalog.publishedAt })}</div>
      <div>{t('catalogs.documents', { count: catalog.documents.length })}</div>
    </div>
  );
}

function PreviewPage({
  c,
  pendingId,
  catalog,
  today,
  current,
}: {
  c: Ctx;
  pendingId: string;
  catalog: Catalog;
  today: string;
  current: StoredCatalogVersion | undefined;
}) {
  const t = c.get('t');
  const actor = c.get('actor')!;
  const locale = c.get('locale');
  const replaced = current?.version ?? getCatalog(catalog.id)?.version;
  return (
    <Layout
      t={t}
      locale={locale}
      inboxUnread={c.get('inboxUnread')}
      actor={actor}
      title={t('catalogs.preview_title', { id: catalog.id, version: catalog.version })}
    >
      <p class="banner good">{t('catalogs.preview_intro', { date: today })}</p>
      <p>
        {replaced
          ? t('catalogs.replaces', { current: `${catalog.id} ${replaced}` })
          : t('catalogs.new_catalog')}
      </p>
      <CatalogFacts catalog={catalog} t={t} locale={locale} />
      <ProgrammeTable catalog={catalog} today={today} t={t} locale={locale} />
      <form method="post" action={`/console/catalogs/pending/${pendingId}/confirm`} class="card">
        <CsrfField actor={actor} />
        <button type="submit" id="confirm-catalog">
          {t('catalogs.confirm_button')}
        </button>{' '}
        <a href="/console/catalogs">{t('catalogs.upload_again')}</a>
      </form>
    </Layout>
  );
}

function VersionPage({
  c,
  catalog,
  today,
  stored,
  status,
  notice,
}: {
  c: Ctx;
  catalog: Catalog;
  today: string;
  stored?: StoredCatalogVersion | undefined;
  status: Status;
  notice?: string | undefined;
}) {
  const t = c.get('t');
  const actor = c.get('actor')!;
  const locale = c.get('locale');
  return (
    <Layout
      t={t}
      locale={locale}
      inboxUnread={c.get('inboxUnread')}
      actor={actor}
      title={t('catalogs.version_title', { id: catalog.id, version: catalog.version })}
    >
      {notice && <p class="banner good">{notice}</p>}
      <p>
        <StatusLabel t={t} status={status} /> · {stored ? t('catalogs.uploaded') : t('catalogs.shipped')}
        {stored &&
          ` · ${stored.uploadedByName ?? stored.uploadedBy} · ${stored.confirmedAt ? formatTime(stored.confirmedAt) : ''}`}
      </p>
      <CatalogFacts catalog={catalog} t={t} locale={locale} />
      <ProgrammeTable catalog={catalog} today={today} t={t} locale={locale} />
      <p>
        {stored && <a href={`/console/catalogs/versions/${stored.id}/json`}>{t('catalogs.download')}</a>}{' '}
        <a href="/console/catalogs">{t('catalogs.back')}</a>
      </p>
      {stored && canManageCatalogs(actor) && (
        <form method="post" action={`/console/catalogs/versions/${stored.id}/active`} class="inline">
          <CsrfField actor={actor} />
          <input type="hidden" name="active" value={stored.active ? 'false' : 'true'} />
          <button type="submit" class="secondary">
            {t(stored.active ? 'catalogs.deactivate' : 'catalogs.activate')}
          </button>
        </form>
      )}
    </Layout>
  );
}
