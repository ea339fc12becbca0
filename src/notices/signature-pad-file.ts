import { SIGNATURE_PAD_SOURCE, SIGNATURE_PAD_VERSION } from './vendor/signature-pad-source.js';

// signature_pad's browser build, served at /n/assets/signature_pad.js: compiled in on Node, in tests and
// scripts. Imported as `#signature-pad` (package.json "imports"), so the Worker build reads it from its static
// assets instead (wrangler.toml [alias], src/platform/worker/signature-pad-from-assets.ts).
export { SIGNATURE_PAD_VERSION };

export async function signaturePadSource(): Promise<string> {
  return SIGNATURE_PAD_SOURCE;
}
