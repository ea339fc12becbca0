import type { AppDeps } from '../platform/ports.js';
import { newSecret } from '../util/ids.js';
import { needsSetup } from './needs-setup.js';

/**
 * On Node: when the database still needs setup and no SETUP_TOKEN is configured, makes a random one and
 * prints it once in the log, so whoever started the process (and only they) can finish setup. Returns the
 * token to use, or the configured one (possibly undefined when setup is already done).
 */
export async function prepareSetupToken(
  deps: Pick<AppDeps, 'database' | 'logger' | 'config'>,
  setupUrl: string,
): Promise<string | undefined> {
  if (!(await needsSetup(deps))) return deps.config.SETUP_TOKEN;
  if (deps.config.SETUP_TOKEN) {
    deps.logger.info('first-run setup: open the setup page and type SETUP_TOKEN', { setupUrl });
    return deps.config.SETUP_TOKEN;
  }
  const setupToken = newSecret().slice(0, 24);
  deps.logger.warn('first-run setup: open the setup page and type this one-time setup token', {
    setupUrl,
    setupToken,
  });
  return setupToken;
}
