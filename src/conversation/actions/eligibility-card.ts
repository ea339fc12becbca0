import { type Locale, t } from '../../i18n/index.js';
import type { EligibilityResult, ProgrammeEligibility } from '../../policy/index.js';
import { amountView } from '../../policy-api/index.js';
import type { CardButton, OutboundMessage } from '../messages.js';

/** At most this many "apply" buttons; the rest can be asked about in chat. */
const MAX_APPLY_BUTTONS = 3;

function programmeLines(programme: ProgrammeEligibility, locale: Locale): string[] {
  const name = programme.name[locale];
  const amount = amountView(programme, locale);
  const lines = [
    amount
      ? t(locale, 'flows.eligibility.card_item', { name, amount: amount.text })
      : t(locale, 'flows.eligibility.card_item_plain', { name }),
  ];
  if (programme.needsLocalConfirmation) lines.push(`  ${t(locale, 'policy.describe.confirmLocally')}`);
  if (programme.verdict === 'needs_check') {
    const missing = programme.missingInfo
      .filter((item) => item.affects === 'verdict')
      .map((item) => t(locale, `policy.field.${item.field}`));
    lines.push(
      `  ${
        missing.length > 0
          ? t(locale, 'flows.eligibility.card_missing', {
              fields: missing.join(t(locale, 'policy.describe.listSeparator')),
            })
          : t(locale, 'flows.eligibility.card_school_decides')
      }`,
    );
  }
  lines.push(
    `  ${
      programme.applicationRequired
        ? t(locale, 'flows.eligibility.card_next', { howToApply: programme.howToApply[locale] })
        : t(locale, 'policy.describe.noApplication')
    }`,
  );
  return lines;
}

/**
 * The end of the check: likely programmes with amount and next step, needs-check ones with what is missing,
 * the anti-fraud line and the hotline, and a button per programme that needs an application.
 */
export function eligibilityCard(
  result: EligibilityResult,
  locale: Locale,
  hotline: string,
  childLabel: string | null,
): { card: OutboundMessage; applyOptions: { value: string; label: string }[] } {
  const likely = result.programmes.filter((programme) => programme.verdict === 'likely');
  const needsCheck = result.programmes.filter((programme) => programme.verdict === 'needs_check');
  const body: string[] = [];
  if (likely.length > 0) {
    body.push(t(locale, 'flows.eligibility.card_likely'));
    for (const programme of likely) body.push(...programmeLines(programme, locale));
  }
  if (needsCheck.length > 0) {
    body.push(t(locale, 'flows.eligibility.card_needs_check'));
    for (const programme of needsCheck) body.push(...programmeLines(programme, locale));
  }
  if (likely.length === 0 && needsCheck.length === 0) body.push(t(locale, 'flows.eligibility.card_none'));
  body.push(t(locale, 'flows.eligibility.card_disclaimer'));
  body.push(t(locale, 'policy.describe.antiFraud'));
  body.push(t(locale, 'flows.eligibility.card_hotline', { hotline }));

  const applyOptions = [...likely, ...needsCheck]
    .filter((programme) => programme.applicationRequired)
    .slice(0, MAX_APPLY_BUTTONS)
    .map((programme) => ({
      value: `apply:${programme.programmeId}`,
      label: t(locale, 'flows.eligibility.apply_button', { name: programme.name[locale] }),
    }));
  const buttons: CardButton[] = applyOptions.map((option) => ({ ...option }));
  return {
    card: {
      type: 'card',
      title: childLabel
        ? t(locale, 'flows.eligibility.card_title_child', { child: childLabel })
        : t(locale, 'flows.eligibility.card_title'),
      body: body.join('\n'),
      buttons,
    },
    applyOptions,
  };
}
