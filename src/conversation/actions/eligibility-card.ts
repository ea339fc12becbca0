import { type Locale, t } from '../../i18n/index.js';
import {
  type Catalog,
  type EligibilityResult,
  type ProgrammeEligibility,
  programmeSources,
} from '../../policy/index.js';
import { amountView } from '../../policy-api/index.js';
import type { CardSection, OutboundMessage, SourceNote } from '../messages.js';

/** At most this many "apply" options after the card; the rest can be asked about in chat. */
const MAX_APPLY_OPTIONS = 3;

/** One programme: the always-visible lines, the collapsible how-to-apply and materials, the sources. */
function programmeSection(programme: ProgrammeEligibility, catalog: Catalog, locale: Locale): CardSection {
  const name = programme.name[locale];
  const amount = amountView(programme, locale);
  const lines: string[] = [];
  if (programme.needsLocalConfirmation) lines.push(t(locale, 'policy.describe.confirmLocally'));
  if (programme.verdict === 'needs_check') {
    const missing = programme.missingInfo
      .filter((item) => item.affects === 'verdict')
      .map((item) => t(locale, `policy.field.${item.field}`));
    lines.push(
      missing.length > 0
        ? t(locale, 'flows.eligibility.card_missing', {
            fields: missing.join(t(locale, 'policy.describe.listSeparator')),
          })
        : t(locale, 'flows.eligibility.card_school_decides'),
    );
  }
  if (!programme.applicationRequired) lines.push(t(locale, 'policy.describe.noApplication'));
  const materials = programme.materials.map((material) => material[locale]);
  const sources = programmeSources(catalog, programme, locale);
  const note: SourceNote | undefined = sources
    ? {
        summary: sources.summary,
        label: sources.showLabel,
        items: sources.documents.map((document) => document.text),
      }
    : undefined;
  return {
    heading: amount
      ? t(locale, 'flows.eligibility.card_item', { name, amount: amount.text })
      : t(locale, 'flows.eligibility.card_item_plain', { name }),
    lines,
    ...(programme.applicationRequired
      ? {
          detail: {
            label: t(locale, 'card.prepare', { count: materials.length }),
            items: [
              t(locale, 'flows.eligibility.card_next', { howToApply: programme.howToApply[locale] }),
              ...materials.map((material) => t(locale, 'card.material', { material })),
            ],
          },
        }
      : {}),
    ...(note ? { sources: note } : {}),
  };
}

/** The plain-text form of a section, for channels without rich cards and for the history. */
function sectionText(section: CardSection, locale: Locale): string[] {
  return [
    section.heading,
    ...section.lines.map((line) => `  ${line}`),
    ...(section.detail?.items ?? []).map((item) => `  ${item}`),
    ...(section.sources ? [`  ${t(locale, 'sources.line', { summary: section.sources.summary })}`] : []),
  ];
}

/**
 * The end of the check: likely programmes with amount, sources and what to prepare, needs-check ones with
 * what is missing, the anti-fraud line and the hotline. The "apply" choices follow the card once (in the
 * next question), so the card itself has no buttons.
 */
export function eligibilityCard(
  result: EligibilityResult,
  catalog: Catalog,
  locale: Locale,
  hotline: string,
  childLabel: string | null,
): { card: OutboundMessage; applyOptions: { value: string; label: string }[] } {
  const likely = result.programmes.filter((programme) => programme.verdict === 'likely');
  const needsCheck = result.programmes.filter((programme) => programme.verdict === 'needs_check');
  const sections: { group: string; items: CardSection[] }[] = [];
  if (likely.length > 0)
    sections.push({
      group: t(locale, 'flows.eligibility.card_likely'),
      items: likely.map((programme) => programmeSection(programme, catalog, locale)),
    });
  if (needsCheck.length > 0)
    sections.push({
      group: t(locale, 'flows.eligibility.card_needs_check'),
      items: needsCheck.map((programme) => programmeSection(programme, catalog, locale)),
    });
  const footer = [
    ...(sections.length === 0 ? [t(locale, 'flows.eligibility.card_none')] : []),
    t(locale, 'flows.eligibility.card_disclaimer'),
    t(locale, 'policy.describe.antiFraud'),
    t(locale, 'flows.eligibility.card_hotline', { hotline }),
  ];
  const body = [
    ...sections.flatMap((section) => [
      section.group,
      ...section.items.flatMap((item) => sectionText(item, locale)),
    ]),
    ...footer,
  ];

  const applyOptions = [...likely, ...needsCheck]
    .filter((programme) => programme.applicationRequired)
    .slice(0, MAX_APPLY_OPTIONS)
    .map((programme) => ({
      value: `apply:${programme.programmeId}`,
      label: t(locale, 'flows.eligibility.apply_button', { name: programme.name[locale] }),
    }));
  return {
    card: {
      type: 'card',
      title: childLabel
        ? t(locale, 'flows.eligibility.card_title_child', { child: childLabel })
        : t(locale, 'flows.eligibility.card_title'),
      body: body.join('\n'),
      buttons: [],
      sections,
      footer,
    },
    applyOptions,
  };
}
