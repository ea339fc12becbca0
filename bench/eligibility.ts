import { getCatalog } from '../src/policy/catalogs/index.js';
import { type EligibilityProfile, evaluateEligibility } from '../src/policy/eligibility.js';

const catalog = getCatalog('cn-national');
if (!catalog) throw new Error('cn-national catalogue missing');

// A mix of complete and partial profiles: unknown facts exercise the slower case-splitting path.
const profiles: EligibilityProfile[] = [
  {
    child: { stage: 'primary', boarding: true, residence: 'rural' },
    household: { categories: ['poverty_alleviated'] },
  },
  { child: { stage: 'junior_secondary' }, household: { categories: ['subsistence_allowance'] } },
  { child: { stage: 'preschool', finalPreschoolYear: true }, household: { categories: [] } },
  {
    child: { stage: 'senior_secondary', residence: 'urban' },
    household: { categories: ['disabled_student'] },
  },
  { child: { stage: 'vocational_secondary', grade: 3 }, household: { categories: ['other_hardship'] } },
  { child: { stage: 'undergraduate' }, household: { categories: ['orphan'] } },
];
const dates = ['2023-10-01', '2024-05-01', '2025-10-01'];

const run = (iterations: number): number => {
  let likely = 0;
  for (let index = 0; index < iterations; index++) {
    const profile = profiles[index % profiles.length];
    const date = dates[index % dates.length];
    if (!profile || !date) continue;
    const result = evaluateEligibility(catalog, profile, date);
    if (result.programmes[3]?.verdict === 'likely') likely++;
  }
  return likely;
};

run(20_000); // warm-up
const iterations = 200_000;
const started = performance.now();
run(iterations);
const seconds = (performance.now() - started) / 1000;
const perSecond = Math.round(iterations / seconds);
console.log(
  `evaluateEligibility: ${iterations} evaluations of ${catalog.programmes.length} programmes in ${seconds.toFixed(2)} s`,
);
console.log(`${perSecond.toLocaleString('en')} evaluations/s (single thread, target ≥ 50,000)`);
