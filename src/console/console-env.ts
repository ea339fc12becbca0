import type { StaffActor } from '../auth/staff-actor.js';
import type { RequestInfoVariables } from '../http/client-ip.js';
import type { Locale, Translate } from '../i18n/index.js';

export interface ConsoleVariables extends RequestInfoVariables {
  actor: StaffActor | null;
  locale: Locale;
  t: Translate;
  requestId: string;
}

export type ConsoleEnv = { Variables: ConsoleVariables };

/**
 * Console answers are pages for people; a refused write also names its reason in this header with a stable
 * code (e.g. `username_taken`, `import_already_confirmed`), for scripts and tests.
 */
export const ERROR_CODE_HEADER = 'x-error-code';
