import type { Context } from 'hono';
import { raw } from 'hono/html';
import * as z from 'zod';
import type { AppConfig } from '../../config.js';
import { ApiError } from '../../http/api-error.js';
import { readJsonBody } from '../../http/read-json-body.js';
import type { AppDeps } from '../../platform/ports.js';
import { LIFF_PAGE_SCRIPT } from './liff-page-script.min.js';
import { verifyLiffIdToken } from './verify-id-token.js';

/** What the page's script sends to `open`: LINE's ID token, nothing else (a user id would not be trusted). */
const liffOpenBody = z.object({ idToken: z.string().min(10).max(4096) }).strict();

/** The LINE user an `open` request acts as: the one LINE vouches for in the ID token, or a 401. */
export async function liffUserOf(c: Context, deps: Pick<AppDeps, 'config' | 'clock'>): Promise<string> {
  const { idToken } = await readJsonBody(c, liffOpenBody);
  const userId = await verifyLiffIdToken(deps.config, idToken, deps.clock.now());
  if (!userId) throw new ApiError(401, 'invalid_id_token', 'LINE did not confirm this ID token.');
  return userId;
}

const STYLE = `body{margin:0;font:17px/1.6 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#f4f6f5;color:#1d2a24}
main{max-width:640px;margin:0 auto;padding:24px 16px}`;

export interface LiffPageOptions {
  locale: string;
  title: string;
  /** Shown while LINE is asked who opened the page. */
  opening: string;
  /** Shown when LINE or the server did not confirm it. */
  error: string;
  /** Shown when the server answers 404 (nothing for this LINE user here); `error` when absent. */
  missing?: string;
  /** Where the page sends the ID token; the answer's `next` is where it goes after. */
  open: string;
}

/**
 * The first page of every LIFF link: a status line and the script that starts the LIFF SDK and sends the ID
 * token to `open`. Nothing on it belongs to anyone until the server has checked the token with LINE.
 */
export function liffPage(
  c: Context,
  config: Pick<AppConfig, 'LINE_LIFF_ID' | 'LINE_LIFF_SDK_URL'>,
  page: LiffPageOptions,
) {
  c.header('cache-control', 'private, no-store');
  return c.html(
    <>
      {raw('<!doctype html>')}
      <html lang={page.locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="referrer" content="no-referrer" />
          <meta name="robots" content="noindex" />
          <title>{page.title}</title>
          <style>{raw(STYLE)}</style>
        </head>
        <body>
          <main
            id="liff"
            data-liff-id={config.LINE_LIFF_ID}
            data-open={page.open}
            data-error={page.error}
            data-missing={page.missing ?? page.error}
          >
            <p id="liff-status" role="status">
              {page.opening}
            </p>
          </main>
          <script src={config.LINE_LIFF_SDK_URL} />
          <script>{raw(LIFF_PAGE_SCRIPT)}</script>
        </body>
      </html>
    </>,
  );
}
