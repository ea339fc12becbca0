import en from '../../locales/en.json' with { type: 'json' };
import zhCN from '../../locales/zh-CN.json' with { type: 'json' };
import zhTW from '../../locales/zh-TW.json' with { type: 'json' };
import type { LocaleFiles } from './index.js';

// The locale files compiled into the program: all three on Node, in tests and scripts. Imported as
// `#bundled-locales` (package.json "imports"), so the Worker build can put its own list in their place
// (wrangler.toml [alias], src/platform/worker/bundled-locales.ts). Nothing reads the filesystem.
export const BUNDLED_LOCALES: LocaleFiles = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };
