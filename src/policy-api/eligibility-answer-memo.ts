import type { Locale } from '../i18n/index.js';
import {
  type Catalog,
  createCatalogMemo,
  type EligibilityProfile,
  evaluateEligibility,
  objectKey,
  type ProgrammeEligibility,
  toDateKey,
} from '../policy/index.js';
import { answerHeading, answerNotice, resultView } from './eligibility-response.js';
import type { RESULT_FIELDS } from './response-fields.js';

// Every answer is evaluated afresh (a few microseconds), but writing out its results is what costs: localised
// text, figures, citations and sources, some 16,000 characters of JSON. A result, though, depends only on its
// programme, the outcome for this child (verdict, reasons, what is missing, the figures chosen), the language,
// the hotline and the fields asked for, and on the day only where no figure is in force (the text then names
// the day). Children in different situations, and one child on different days, mostly share their results, so
// each result is kept as the UTF-8 JSON sent, per catalogue object (an upload is a new object and starts
// afresh); past a bound the least recently used is dropped. An answer is then its results' bytes put together.

/** Results kept per catalogue: each is 1–3 KB, so at most about 10 MB. */
const MAX_RESULTS = 4096;

type ResultField = (typeof RESULT_FIELDS)[number];

const encoder = new TextEncoder();
const keptResults = createCatalogMemo<Uint8Array<ArrayBuffer>>(MAX_RESULTS);
const COMMA = encoder.encode(',');

export interface EligibilityQuestion {
  profile: EligibilityProfile;
  asOf: Date | string;
  locale: Locale;
  hotline: string;
  fields: readonly ResultField[] | undefined;
}

/**
 * What a result's view is worked out from, as a string. Catalogue objects (the programme, each amount rule and
 * the dated figure chosen from it) and the reasons, built once from them, are named by identity. If the view comes to
 * depend on anything else, it must be added here: test/policy-api/eligibility-answer-memo.test.ts compares
 * kept answers with fresh ones for every bench body on every day of a school year.
 */
function outcomeKey(programme: ProgrammeEligibility, asOf: string, fieldsKey: string): string {
  let amounts = '';
  for (const candidate of programme.amounts) {
    const figure = candidate.inForce ?? candidate.latestKnown;
    amounts += `${objectKey(candidate.rule)}:${candidate.inForce ? 'in' : 'known'}:${figure ? objectKey(figure) : '-'},`;
  }
  let missing = '';
  for (const entry of programme.missingInfo) missing += `${entry.field}:${entry.affects},`;
  // Reasons are shared objects built once from the catalogue (src/policy/eligibility/kept-reasons.ts).
  let reasons = '';
  for (const reason of programme.reasons) reasons += `${objectKey(reason)},`;
  return `${objectKey(programme.programme)}|${programme.verdict}|${programme.needsLocalConfirmation}|${programme.noValueInForce ? asOf : ''}|${amounts}|${missing}|${fieldsKey}|${reasons}`;
}

/** The /api/eligibility answer as UTF-8 JSON: evaluated afresh, its results' JSON kept (see above). */
export function eligibilityAnswerJson(
  catalog: Catalog,
  question: EligibilityQuestion,
): Uint8Array<ArrayBuffer> {
  const { profile, locale, hotline, fields } = question;
  const asOf = toDateKey(question.asOf);
  const result = evaluateEligibility(catalog, profile, asOf);
  const fieldsKey = `${locale}|${hotline}|${fields?.join(',') ?? '*'}`;

  // JSON.stringify would write the same bytes: the heading's fields, then `results`, then `notice`.
  const heading = JSON.stringify(answerHeading(result, locale));
  const parts = [encoder.encode(`${heading.slice(0, -1)},"results":[`)];
  result.programmes.forEach((programme, index) => {
    if (index > 0) parts.push(COMMA);
    parts.push(
      keptResults.get(catalog, outcomeKey(programme, asOf, fieldsKey), () =>
        encoder.encode(JSON.stringify(resultView(catalog, programme, asOf, locale, hotline, fields))),
      ),
    );
  });
  parts.push(encoder.encode(`],"notice":${JSON.stringify(answerNotice(locale, hotline))}}`));
  return concatBytes(parts);
}

function concatBytes(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
