import { installLocales, type LocaleFiles, missingLocales } from '../../i18n/index.js';

// The locales the Worker does not compile in (see bundled-locales.ts), read from its static assets: the
// `locales/` folder itself, which wrangler.toml serves to the Worker only (`run_worker_first`), never to the web.

let reading: Promise<void> | undefined;

/** Resolves once every locale has its messages; reads the missing ones once per isolate (again after a failure). */
export function ensureLocales(assets: Fetcher): Promise<void> {
  const missing = missingLocales();
  if (missing.length === 0) return Promise.resolve();
  reading ??= readLocales(assets, missing).finally(() => {
    reading = undefined;
  });
  return reading;
}

async function readLocales(assets: Fetcher, locales: readonly string[]): Promise<void> {
  const entries = await Promise.all(
    locales.map(async (locale) => {
      // The host is never looked at: the binding only serves this Worker's assets.
      const response = await assets.fetch(`https://assets.invalid/${locale}.json`);
      if (!response.ok) throw new Error(`locale ${locale} not in the static assets (${response.status})`);
      return [locale, await response.json()] as const;
    }),
  );
  installLocales(Object.fromEntries(entries) as LocaleFiles);
}
