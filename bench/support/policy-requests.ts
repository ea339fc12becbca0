import { ASK_CASES } from '../ask-cases.js';

// What parents really send to the policy API, rotated so no figure rests on one body the server could have
// learnt by heart: children of every stage, complete and partial answers (unknown facts take the slower
// case-splitting path), in the three languages; and every question of the ask bench with its language.

const child = (stage: string, facts: Record<string, unknown> = {}) => ({ stage, ...facts });

const PROFILES = [
  {
    child: child('junior_secondary', { boarding: true, schoolOwnership: 'public', residence: 'rural' }),
    household: { categories: ['subsistence_allowance'] },
  },
  { child: child('primary', { boarding: true, residence: 'rural' }), household: { categories: [] } },
  { child: child('primary'), household: { categories: ['poverty_alleviated'] } },
  { child: child('preschool', { finalPreschoolYear: true }), household: { categories: ['orphan'] } },
  {
    child: child('preschool', { inclusiveKindergarten: true, finalPreschoolYear: false }),
    household: { categories: [] },
  },
  {
    child: child('senior_secondary', { residence: 'urban', schoolOwnership: 'public' }),
    household: { categories: ['disabled_student'] },
  },
  { child: child('senior_secondary'), household: { categories: ['single_parent', 'other_hardship'] } },
  {
    child: child('vocational_secondary', { grade: 3, fullTime: true }),
    household: { categories: ['other_hardship'] },
  },
  {
    child: child('vocational_secondary', { grade: 1, agriculturalMajor: true, residence: 'rural' }),
    household: { categories: [] },
  },
  { child: child('junior_secondary', { grade: 2 }), household: { categories: ['martyr_child'] } },
  { child: child('undergraduate'), household: { categories: ['extreme_poverty_support'] } },
  {
    child: child('junior_secondary', { boarding: false, nutritionPilotArea: true }),
    household: { categories: ['monitored_at_risk'] },
  },
] as const;
const LOCALES = ['zh-CN', 'zh-TW', 'en'] as const;

/** Eligibility bodies: every profile in every language (12 × 3 = 36 distinct bodies). */
export const ELIGIBILITY_BODIES: readonly string[] = PROFILES.flatMap((profile) =>
  LOCALES.map((locale) => JSON.stringify({ ...profile, locale })),
);

/** Ask bodies: the ask bench's 170 questions, each in its own language. */
export const ASK_BODIES: readonly string[] = ASK_CASES.map((item) =>
  JSON.stringify({ question: item.q, locale: item.locale }),
);
