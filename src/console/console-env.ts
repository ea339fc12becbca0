import type { StaffActor } from '../auth/staff-actor.js';
import type { Locale, Translate } from '../i18n/index.js';

export interface ConsoleVariables {
  actor: StaffActor | null;
  locale: Locale;
  t: Translate;
  requestId: string;
}

export type ConsoleEnv = { Variables: ConsoleVariables };
