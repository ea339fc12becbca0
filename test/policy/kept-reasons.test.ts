import { describe, expect, it } from 'vitest';
import { ELIGIBILITY_BODIES } from '../../bench/support/policy-requests.js';
import { evaluateEligibility, getDefaultCatalog } from '../../src/policy/index.js';
import { EligibilityRequestSchema } from '../../src/policy-api/request-schemas.js';

// The HTTP answer memo names reasons by identity (src/policy-api/eligibility-answer-memo.ts): a reason rebuilt
// for every answer would make every kept result a miss. Reasons are shared, so they must also be frozen.
describe('reasons built once from the catalogue', () => {
  const catalog = getDefaultCatalog();
  const profiles = ELIGIBILITY_BODIES.map((text) => EligibilityRequestSchema.parse(JSON.parse(text)));

  it('gives the very same reason objects to the same child asked about twice, and on another day', () => {
    let reasons = 0;
    for (const body of profiles) {
      const first = evaluateEligibility(catalog, body, '2025-10-01');
      const again = evaluateEligibility(catalog, structuredClone(body), '2026-03-01');
      first.programmes.forEach((programme, index) => {
        const other = again.programmes[index]!;
        if (JSON.stringify(other.reasons) !== JSON.stringify(programme.reasons)) return;
        programme.reasons.forEach((reason, at) => {
          expect(other.reasons[at]).toBe(reason);
          reasons++;
        });
      });
    }
    expect(reasons).toBeGreaterThan(100);
  });

  it('shares no reason that an answer could change', () => {
    const reason = evaluateEligibility(catalog, profiles[0]!, '2025-10-01').programmes[0]!.reasons[0]!;
    expect(Object.isFrozen(reason)).toBe(true);
    if (reason.params) expect(Object.isFrozen(reason.params)).toBe(true);
  });
});
