import { env } from 'cloudflare:workers';
import { readAsset } from './read-asset.js';

// signature_pad's browser build from the Worker's static assets (scripts/build-worker-assets.mjs copies the
// package's file there), so its 16 KiB are not in the bundle. wrangler.toml aliases `#signature-pad` here. Only
// the version is compiled in, for the ETag; the vendored source beside it is left out of the bundle, unused.
export { SIGNATURE_PAD_VERSION } from '../../notices/vendor/signature-pad-source.js';

declare global {
  namespace Cloudflare {
    interface Env {
      /** The static assets of wrangler.toml. */
      ASSETS: Fetcher;
    }
  }
}

let source: Promise<string> | undefined;

/** Read once per isolate (again after a failed read). */
export function signaturePadSource(): Promise<string> {
  source ??= readSource().catch((error: unknown) => {
    source = undefined;
    throw error;
  });
  return source;
}

async function readSource(): Promise<string> {
  return (await readAsset(env.ASSETS, 'signature_pad.js')).text();
}
