import type { Locale } from '../i18n/index.js';
import {
  type Catalog,
  createCatalogMemo,
  type EligibilityProfile,
  evaluateEligibility,
  toDateKey,
} from '../policy/index.js';
import { eligibilityResponse } from './eligibility-response.js';
import type { RESULT_FIELDS } from './response-fields.js';

// An eligibility answer is a pure function of the catalogue, the child and household (a handful of yes/no and
// one-of-a-few answers), the day, the language, the hotline and the fields asked for, so the same few hundred
// answers come back all term: families in the same situation give the same answers. A computed answer is kept as
// the JSON sent, per catalogue object (an upload is a new object, so its answers start afresh); past a bound the
// least recently used is dropped. Free-text questions (/api/ask, the chat) vary too much to be worth keeping.

/** Answers kept per catalogue, about 20 KB each. */
const MAX_ANSWERS = 512;

const encoder = new TextEncoder();
const eligibilityAnswers = createCatalogMemo<Uint8Array<ArrayBuffer>>(MAX_ANSWERS);

export interface EligibilityQuestion {
  profile: EligibilityProfile;
  asOf: Date | string;
  locale: Locale;
  hotline: string;
  fields: readonly (typeof RESULT_FIELDS)[number][] | undefined;
}

/** The /api/eligibility answer as UTF-8 JSON, computed once per distinct question and day. */
export function eligibilityAnswerJson(
  catalog: Catalog,
  question: EligibilityQuestion,
): Uint8Array<ArrayBuffer> {
  const { profile, locale, hotline, fields } = question;
  const asOf = toDateKey(question.asOf);
  // The profile is zod's output, so its keys always come in the schema's order.
  const key = [
    asOf,
    locale,
    hotline,
    fields?.join(',') ?? '*',
    JSON.stringify(profile.child),
    profile.household.categories.join(','),
  ].join('\n');
  return eligibilityAnswers.get(catalog, key, () => {
    const result = evaluateEligibility(catalog, profile, asOf);
    return encoder.encode(JSON.stringify(eligibilityResponse(catalog, result, locale, hotline, fields)));
  });
}
