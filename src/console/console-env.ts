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
