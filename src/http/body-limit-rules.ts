import type { AppConfig } from '../config.js';
import { MAX_CATALOG_BYTES } from '../policy-api/index.js';
import { ROSTER_MAX_FILE_BYTES } from '../roster/index.js';
import { type BodyLimitRule, MULTIPART_OVERHEAD_BYTES } from './body-limits.js';

/** The routes that take a file, each with its own maximum; every other body is a small form or JSON. */
export function bodyLimitRules(config: AppConfig): BodyLimitRule[] {
  return [
    {
      method: 'POST',
      path: /^\/api\/chat\/conversations\/[^/]+\/images$/,
      maxBytes: config.MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD_BYTES,
    },
    {
      // One document photo at a time from the /apply page (src/applications/apply-page-routes.tsx).
      method: 'POST',
      path: /^\/apply\/[^/]+\/photos$/,
      maxBytes: config.MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD_BYTES,
    },
    {
      method: 'POST',
      path: /^\/console\/import\/?$/,
      maxBytes: ROSTER_MAX_FILE_BYTES + MULTIPART_OVERHEAD_BYTES,
    },
    {
      // A hand-drawn signature: its strokes and a PNG of them (src/notices/guardian-routes.tsx).
      method: 'POST',
      path: /^\/n\/[^/]+\/signature$/,
      maxBytes: 600 * 1024,
    },
    {
      // LINE batches up to 100 events in one webhook request (src/channels/line/).
      method: 'POST',
      path: /^\/webhook\/line$/,
      maxBytes: 1024 * 1024,
    },
    {
      method: 'POST',
      path: /^\/console\/catalogs\/upload$/,
      maxBytes: MAX_CATALOG_BYTES + MULTIPART_OVERHEAD_BYTES,
    },
  ];
}
