import { t } from '../../i18n/index.js';
import { resolveCatalog } from '../../policy-api/index.js';
import type { Action } from './action.js';

/**
 * "Start an application" before online applications exist: says they are coming and tells the parent how to
 * apply at school today, what to bring and whom to call.
 */
export const applicationComing: Action = async ({ deps, state, vars }) => {
  const { locale } = state;
  const programmeId = typeof vars.applyChoice === 'string' ? vars.applyChoice.replace(/^apply:/, '') : '';
  const resolved = await resolveCatalog(deps);
  const programme = resolved?.catalog.programmes.find((item) => item.id === programmeId);
  const lines = [t(locale, 'flows.eligibility.apply_coming')];
  if (programme) {
    lines.push(
      t(locale, 'flows.eligibility.apply_how', {
        name: programme.name[locale],
        howToApply: programme.howToApply[locale],
      }),
    );
    if (programme.materials.length > 0) {
      lines.push(
        t(locale, 'policy.describe.materials', {
          materials: programme.materials
            .map((material) => material[locale])
            .join(t(locale, 'policy.describe.clauseSeparator')),
        }),
      );
    }
  }
  lines.push(t(locale, 'policy.describe.antiFraud'));
  lines.push(t(locale, 'flows.eligibility.card_hotline', { hotline: deps.config.AID_HOTLINE }));
  return { ok: true, messages: [{ type: 'text', text: lines.join('\n') }] };
};
