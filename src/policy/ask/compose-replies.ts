import { type Locale, t } from '../../i18n/index.js';
import type { Catalog, StageId } from '../catalog-schema.js';
import { safeHotline } from '../render/hotline.js';
import { pick } from '../render/localize.js';
import type { AskSuggestion } from './ask-types.js';
import type { OutOfScopeEntry, SmallTalkKind } from './knowledge-base.js';

export function checkSuggestion(locale: Locale): AskSuggestion {
  return { kind: 'eligibility_check', label: t(locale, 'policy.ask.suggestion.eligibilityCheck') };
}

export function contactSuggestion(locale: Locale): AskSuggestion {
  return { kind: 'contact_officer', label: t(locale, 'policy.ask.suggestion.contactOfficer') };
}

/** Greetings, thanks, "找老师", "我也不知道": one short sentence, never the policy boilerplate. */
export function smallTalkReply(
  kind: SmallTalkKind,
  locale: Locale,
  hotline: string | undefined,
): { answer: string; suggestions: AskSuggestion[] } {
  if (kind === 'human') {
    const number = safeHotline(hotline);
    return {
      answer: number
        ? t(locale, 'ask.smallTalk.human', { hotline: number })
        : t(locale, 'ask.smallTalk.humanNoHotline'),
      suggestions: [contactSuggestion(locale)],
    };
  }
  const suggestions =
    kind === 'greeting' || kind === 'vague' ? [checkSuggestion(locale), contactSuggestion(locale)] : [];
  return { answer: t(locale, `ask.smallTalk.${kind}`), suggestions };
}

/** A programme run by someone else: who runs it and whom to ask, then what we can answer. */
export function outOfScopeLines(entry: OutOfScopeEntry, locale: Locale): string[] {
  return [pick(entry.answer, locale), t(locale, 'ask.outOfScope.more')];
}

/** A stage named without a topic ("七年级"): the programmes of that stage and the guided check. */
export function overviewLines(
  catalog: Catalog,
  stage: StageId,
  locale: Locale,
): { lines: string[]; ids: string[] } {
  const programmes = catalog.programmes.filter((programme) => programme.stages.includes(stage));
  return {
    ids: programmes.map((programme) => programme.id),
    lines: [
      t(locale, 'ask.overview.intro', { stage: t(locale, `policy.stage.${stage}`) }),
      ...programmes.map((programme) =>
        t(locale, 'ask.overview.item', {
          name: pick(programme.name, locale),
          application: t(
            locale,
            programme.applicationRequired ? 'ask.overview.apply' : 'ask.overview.noApply',
          ),
        }),
      ),
      t(locale, 'ask.overview.check'),
    ],
  };
}
