import applicationsFlow from '../../flows/applications.json' with { type: 'json' };
import apply from '../../flows/apply.json' with { type: 'json' };
import bind from '../../flows/bind.json' with { type: 'json' };
import children from '../../flows/children.json' with { type: 'json' };
import contact from '../../flows/contact.json' with { type: 'json' };
import eligibility from '../../flows/eligibility.json' with { type: 'json' };
import language from '../../flows/language.json' with { type: 'json' };
import menu from '../../flows/menu.json' with { type: 'json' };
import messages from '../../flows/messages.json' with { type: 'json' };
import { hasMessage } from '../i18n/index.js';
import { ACTION_NAMES } from './actions/index.js';
import { type FlowSet, validateFlows } from './validate-flows.js';

/** Every flow shipped in flows/, bundled at build time (Workers cannot read files). */
export const FLOW_DOCUMENTS: readonly unknown[] = [
  menu,
  language,
  contact,
  messages,
  bind,
  children,
  eligibility,
  apply,
  applicationsFlow,
];

/** Validated once per process; a broken flow stops the service at start instead of confusing a parent later. */
export function loadFlows(): FlowSet {
  const { flows, problems } = validateFlows(FLOW_DOCUMENTS, { hasMessage, actionNames: ACTION_NAMES });
  if (problems.length > 0) throw new Error(`Invalid flows:\n  ${problems.join('\n  ')}`);
  return flows;
}
