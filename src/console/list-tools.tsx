import type { Translate } from '../i18n/index.js';

/**
 * The search box and export links above every console list. The exports take the same search, so what is
 * downloaded is what is on the screen.
 */
export function ListTools({
  t,
  action,
  query,
  extra = {},
}: {
  t: Translate;
  /** The list's path, e.g. /console/schools; exports are at `${action}/export.csv` and `.xlsx`. */
  action: string;
  query: string;
  /** Other filters to keep (e.g. a class id). */
  extra?: Record<string, string>;
}) {
  const params = new URLSearchParams({ ...extra, ...(query ? { q: query } : {}) }).toString();
  const suffix = params ? `?${params}` : '';
  return (
    <div class="list-tools no-print">
      <form method="get" action={action} class="search">
        {Object.entries(extra).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <label for="q" class="visually-hidden">
          {t('forms.search')}
        </label>
        <input type="search" id="q" name="q" value={query} placeholder={t('forms.search_placeholder')} />{' '}
        <button type="submit" class="secondary">
          {t('forms.search')}
        </button>
      </form>
      <span class="exports">
        {t('forms.export')}:{' '}
        <a href={`${action}/export.xlsx${suffix}`} download>
          Excel
        </a>{' '}
        ·{' '}
        <a href={`${action}/export.csv${suffix}`} download>
          CSV
        </a>
      </span>
    </div>
  );
}

/** The search text of a list request, trimmed and bounded. */
export function searchQuery(raw: string | undefined): string {
  return (raw ?? '').trim().slice(0, 50);
}

/** Case- and width-insensitive "contains", for filtering the rows a page already loaded. */
export function matchesQuery(query: string, ...fields: (string | null | undefined)[]): boolean {
  if (!query) return true;
  const needle = query.normalize('NFKC').toLowerCase();
  return fields.some((field) => (field ?? '').normalize('NFKC').toLowerCase().includes(needle));
}
