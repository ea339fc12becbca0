import type { AppConfig } from '../config.js';
import { createResidentIdVault, type ResidentIdVault } from '../identity/index.js';

const vaults = new WeakMap<AppConfig, Promise<ResidentIdVault>>();

/**
 * The vault for applicants' 身份证号. Keys come from RESIDENT_ID_KEYS (`kid:base64,kid2:base64`, the first one
 * current); a deployment that has not set it yet gets one key derived from BINDING_CODE_SECRET (key id `bc1`), so
 * numbers are never stored in the clear. Setting RESIDENT_ID_KEYS later keeps `bc1` readable only if it is listed.
 */
export function applicationVault(config: AppConfig): Promise<ResidentIdVault> {
  let vault = vaults.get(config);
  if (!vault) {
    vault = build(config);
    vaults.set(config, vault);
  }
  return vault;
}

async function build(config: AppConfig): Promise<ResidentIdVault> {
  if (config.RESIDENT_ID_KEYS) {
    const keys = config.RESIDENT_ID_KEYS.split(',').map((pair) => {
      const [id = '', secret = ''] = pair.trim().split(':');
      return { id, secret };
    });
    return createResidentIdVault({ keys, currentKeyId: keys[0]?.id ?? '' });
  }
  const seed = config.BINDING_CODE_SECRET ?? 'mingbai-development-only';
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`resident-id|${seed}`));
  const secret = btoa(String.fromCharCode(...new Uint8Array(digest)));
  return createResidentIdVault({ keys: [{ id: 'bc1', secret }], currentKeyId: 'bc1' });
}
