import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/password.js';
import { staffAccounts } from '../../src/db/schema.js';
import { DEMO_PASSWORD, seedDemoSchool } from '../../src/demo/seed-demo-school.js';
import cnNational from '../../src/policy/catalogs/cn-national.json' with { type: 'json' };
import { parseCatalog } from '../../src/policy/index.js';
import { ConsoleClient } from '../support/console-client.js';
import { makePolicyApp } from './helpers.js';

// Dates that match YYYY-MM-DD but do not exist (month 13, day 0, 30 February) are bad input, never a 500.

const IMPOSSIBLE = ['2024-13-01', '2024-00-10', '2024-02-30', '2024-04-31', '2024-01-00', '2024-01-32'];

/** The shipped national catalogue, with one dated value starting on `date`. */
function catalogueStartingOn(date: string) {
  const catalog = JSON.parse(JSON.stringify(cnNational)) as {
    version: string;
    programmes: { amounts: { values: { effectiveFrom: string }[] }[] }[];
  };
  catalog.version = '2026.9';
  catalog.programmes[0]!.amounts[0]!.values[0]!.effectiveFrom = date;
  return catalog;
}

describe('impossible dates', () => {
  let harness: ReturnType<typeof makePolicyApp>;
  beforeEach(() => {
    harness = makePolicyApp();
  });
  afterEach(() => harness.close());

  it.each(IMPOSSIBLE)(
    'answers asOf %s on /api/ask and /api/eligibility with a 400 naming the field',
    async (date) => {
      for (const [path, body] of [
        ['/api/ask', { question: '寄宿生生活补助', asOf: date }],
        ['/api/eligibility', { asOf: date, child: { stage: 'primary' }, household: { categories: [] } }],
      ] as const) {
        const response = await harness.post(path, body);
        expect(response.status, path).toBe(400);
        expect(await response.json()).toMatchObject({
          error: { code: 'invalid_body', details: [{ path: 'asOf', message: 'not a real date' }] },
        });
      }
    },
  );

  it('still accepts real dates, 29 February of a leap year included', async () => {
    const response = await harness.post('/api/ask', { question: '寄宿生生活补助', asOf: '2024-02-29' });
    expect(response.status).toBe(200);
  });

  it.each(IMPOSSIBLE)('reports %s in a catalogue as a validation line instead of throwing', (date) => {
    const parsed = parseCatalog(catalogueStartingOn(date));
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.errors).toContainEqual(
      expect.stringMatching(/effectiveFrom: not a real date$/),
    );
  });

  it('shows the bad date as a line of the catalogue upload preview', async () => {
    await seedDemoSchool(harness.deps);
    await harness.deps.database.db.insert(staffAccounts).values({
      id: 'district_officer_1',
      username: 'district-officer',
      displayName: '县资助中心（测试）',
      role: 'district_officer',
      districtId: 'demo_district',
      passwordHash: await hashPassword(DEMO_PASSWORD),
      createdAt: harness.deps.clock.now(),
    });
    const officer = new ConsoleClient(async (path, init) => harness.app.request(path, init));
    expect((await officer.logIn('district-officer', DEMO_PASSWORD)).status).toBe(303);
    await officer.get('/console/catalogs');
    const upload = await officer.post('/console/catalogs/upload', {
      file: new File([JSON.stringify(catalogueStartingOn('2024-13-01'))], 'catalog.json', {
        type: 'application/json',
      }),
    });
    expect(upload.status).toBe(422);
    expect(await upload.text()).toMatch(/effectiveFrom: not a real date/);
  });
});
