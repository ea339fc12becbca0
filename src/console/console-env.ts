import type { StaffActor } from '../auth/staff-actor.js';
import type { RequestInfoVariables } from '../http/client-ip.js';
import type { Locale, Translate } from '../i18n/index.js';

export interface ConsoleVariables extends RequestInfoVariables {
  actor: StaffActor | null;
  /** The session cookie's token (never stored): features derive per-session keys from it (src/slips). */
  sessionToken: string | null;
  locale: Locale;
  /** Inbox threads with something this staff member has not read; null for roles without an inbox. */
  inboxUnread: number | null;
  t: Translate;
  requestId: string;
}

export type ConsoleEnv = { Variables: ConsoleVariables };
