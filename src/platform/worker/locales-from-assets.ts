import { installLocales, LOCALES, type LocaleFiles } from '../../i18n/index.js';
import { readAsset } from './read-asset.js';

// The locale files, read from the Worker's static assets (see bundled-locales.ts): copies of the `locales/`
// folder, which wrangler.toml gives to the Worker only (`run_worker_first`), never serves to the web.

let installed = false;
let reading: Promise<void> | undefined;

/** Resolves once every locale file is taken in: read once per isolate (again after a failed read). */
export function ensureLocales(assets: Fetcher): Promise<void> {
  if (installed) return Promise.resolve();
  reading ??= readLocales(assets)
    .then(() => {
      installed = true;
    })
    .finally(() => {
      reading = undefined;
    });
  return reading;
}

async function readLocales(assets: Fetcher): Promise<void> {
  const entries = await Promise.all(
    LOCALES.map(async (locale) => {
      const response = await readAsset(assets, `${locale}.json`);
      return [locale, await response.json()] as const;
    }),
  );
  installLocales(Object.fromEntries(entries) as LocaleFiles);
}
