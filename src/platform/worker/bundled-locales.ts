// A named import without `with { type: 'json' }` (which allows only the default import), so that esbuild leaves
// the file's other sections out of the bundle. Only wrangler's esbuild ever loads this module.
import { ask, policy, sources } from '../../../locales/zh-CN.json';
import type { LocaleFiles } from '../../i18n/index.js';

// The Worker reads its locale files from its static assets ([assets] in wrangler.toml) once per isolate, before
// its first request, queue batch or cron (locales-from-assets.ts), so they are not in its bundle: that was
// about 85 KiB of its 450 KiB gzip. t() stays synchronous. Only the sections that the global scope's warm-up
// answer writes (zh-CN `ask`, `policy` and `sources`, 4 KiB) are compiled in, as a Worker cannot read its assets
// in the global scope; they are the same text the files give later, so what describe-sources.ts keeps from the
// warm-up stays right (test/unit/worker-locales.test.ts). wrangler.toml aliases `#bundled-locales` here.
export const BUNDLED_LOCALES: LocaleFiles = { 'zh-CN': { ask, policy, sources } };
