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

const SCHOOL_YEAR_DAYS = Array.from({ length: 365 }, (_, day) =>
  new Date(Date.UTC(2025, 8, 1 + day)).toISOString().slice(0, 10),
);

/**
 * The same bodies, each asked as of every day of a school year (36 × 365), in an order where neighbours differ in
 * profile, language and day: the server keeps recent eligibility answers (src/policy-api/eligibility-answer-memo.ts),
 * and these are more than it keeps, so every answer is worked out afresh.
 */
export const ELIGIBILITY_BODIES_ON_MANY_DAYS: readonly string[] = SCHOOL_YEAR_DAYS.flatMap((asOf, day) =>
  ELIGIBILITY_BODIES.map((_, index) => {
    const body = JSON.parse(ELIGIBILITY_BODIES[(index + day) % ELIGIBILITY_BODIES.length]!) as object;
    return JSON.stringify({ ...body, asOf });
  }),
);

/** Ask bodies: the ask bench's 170 questions, each in its own language. */
export const ASK_BODIES: readonly string[] = ASK_CASES.map((item) =>
  JSON.stringify({ question: item.q, locale: item.locale }),
);
