import zhCN from '../../../locales/zh-CN.json' with { type: 'json' };
import type { LocaleFiles } from '../../i18n/index.js';

// The Worker compiles in only the default locale, which the global scope needs to warm the ask engine (its
// answers are in zh-CN, and describe-sources.ts keeps what it writes) and every locale falls back to. zh-TW and
// en, about 57 KiB of the bundle after gzip, are Workers static assets ([assets] in wrangler.toml) that the entry
// reads once per isolate, before the isolate's first request, fetch, queue batch or cron alike
// (locales-from-assets.ts): t() stays synchronous. Why not all three: the warm-up must run in the global scope,
// where a Worker cannot read its assets, and a warm-up without its messages would leave keys in those caches.
// wrangler.toml aliases `#bundled-locales` to this module.
export const BUNDLED_LOCALES: LocaleFiles = { 'zh-CN': zhCN };
