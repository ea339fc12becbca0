import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/password.js';
import { auditLog, policyCatalogs, staffAccounts } from '../../src/db/schema.js';
import { DEMO_PASSWORD, seedDemoSchool } from '../../src/demo/seed-demo-school.js';
import cnNational from '../../src/policy/catalogs/cn-national.json' with { type: 'json' };
import { ConsoleClient } from '../support/console-client.js';
import { byId, type EligibilityBody, makePolicyApp } from './helpers.js';

interface DatedValueJson {
  effectiveFrom: string;
  effectiveTo?: string;
  value: Record<string, unknown>;
}
interface CatalogJson {
  version: string;
  programmes: { id: string; amounts: { id: string; values: DatedValueJson[] }[] }[];
}

/** The shipped national catalogue with a new version: junior boarders get more from 2026-09-01. */
function raisedCatalogue(version: string, amount = 1600) {
  const catalog = JSON.parse(JSON.stringify(cnNational)) as CatalogJson;
  catalog.version = version;
  const programme = catalog.programmes.find((item) => item.id === 'compulsory_living_subsidy')!;
  const rule = programme.amounts.find((item) => item.id === 'boarder_junior')!;
  const current = rule.values.at(-1)!;
  current.effectiveTo = '2026-08-31';
  rule.values.push({
    ...current,
    effectiveFrom: '2026-09-01',
    effectiveTo: undefined,
    value: { ...current.value, amount },
  });
  return JSON.stringify(catalog);
}

const file = (text: string, name = 'catalog.json') => new File([text], name, { type: 'application/json' });

describe('console: policy catalogue upload', () => {
  let harness: ReturnType<typeof makePolicyApp>;
  let officer: ConsoleClient;
  const client = () => new ConsoleClient(async (path, init) => harness.app.request(path, init));
  const eligibility = async () =>
    (await (
      await harness.post('/api/eligibility', {
        child: { stage: 'junior_secondary', boarding: true },
        household: { categories: ['orphan'] },
      })
    ).json()) as EligibilityBody;

  beforeEach(async () => {
    harness = makePolicyApp();
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
    officer = client();
    expect((await officer.logIn('district-officer', DEMO_PASSWORD)).status).toBe(303);
  });
  afterEach(() => harness.close());

  it('validates, previews, publishes as a new version, keeps the old one, and answers use it', async () => {
    const before = await eligibility();
    expect(before.catalog.version).toBe('2025.1');
    expect(byId(before, 'compulsory_living_subsidy').amount?.text).toBe('每年1500元');

    const list = await officer.get('/console/catalogs');
    expect(list.status).toBe(200);
    const listHtml = await list.text();
    expect(listHtml).toContain('href="/console/catalogs"');
    expect(listHtml).toContain('data-version="2025.1" data-status="in_use"');

    const preview = await officer.post('/console/catalogs/upload', { file: file(raisedCatalogue('2026.1')) });
    expect(preview.status).toBe(200);
    const previewHtml = await preview.text();
    expect(previewHtml).toContain('cn-national 版本 2026.1');
    expect(previewHtml).toContain('初中寄宿生：每年1600元');
    expect(previewHtml).toContain('将替代：cn-national 2025.1');
    // Nothing changes before the confirm.
    expect((await eligibility()).catalog.version).toBe('2025.1');

    const confirmPath = previewHtml.match(/action="(\/console\/catalogs\/pending\/[^"]+\/confirm)"/)![1]!;
    const confirmed = await officer.post(confirmPath);
    expect(confirmed.status).toBe(303);
    const versionPage = await officer.get(confirmed.headers.get('location')!);
    expect(await versionPage.text()).toContain('已发布：cn-national 版本 2026.1');

    const after = await eligibility();
    expect(after.catalog).toEqual({ id: 'cn-national', version: '2026.1' });
    expect(byId(after, 'compulsory_living_subsidy').amount?.text).toBe('每年1600元');
    const asked = (await (
      await harness.post('/api/ask', { question: '初中住校生活补助一年多少钱' })
    ).json()) as {
      answer: string;
      catalog: { version: string };
    };
    expect(asked.catalog.version).toBe('2026.1');
    expect(asked.answer).toContain('每年1600元');

    // A second upload: both uploads and the shipped version stay listed; the newest is in use.
    const second = await officer.post('/console/catalogs/upload', {
      file: file(raisedCatalogue('2026.2', 1700)),
    });
    const secondConfirm = (await second.text()).match(
      /action="(\/console\/catalogs\/pending\/[^"]+\/confirm)"/,
    )![1]!;
    expect((await officer.post(secondConfirm)).status).toBe(303);
    const listed = await (await officer.get('/console/catalogs')).text();
    expect(listed).toContain('data-version="2026.2" data-status="in_use"');
    expect(listed).toContain('data-version="2026.1" data-status="kept"');
    expect(listed).toContain('data-version="2025.1" data-status="kept"');
    expect(byId(await eligibility(), 'compulsory_living_subsidy').amount?.text).toBe('每年1700元');

    // Switching the newest off falls back to the previous upload.
    const rows = await harness.deps.database.db
      .select()
      .from(policyCatalogs)
      .where(eq(policyCatalogs.version, '2026.2'));
    const oldPage = await officer.get(`/console/catalogs/versions/${rows[0]!.id}`);
    expect(oldPage.status).toBe(200);
    expect(
      (await officer.post(`/console/catalogs/versions/${rows[0]!.id}/active`, { active: 'false' })).status,
    ).toBe(303);
    expect((await eligibility()).catalog.version).toBe('2026.1');

    const audit = await harness.deps.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'catalog.upload'));
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ actorId: 'district_officer_1', targetType: 'policy_catalog' });
  });

  it('rejects invalid JSON and invalid catalogues with readable errors, storing nothing', async () => {
    const broken = await officer.post('/console/catalogs/upload', { file: file('{"id": "cn-national", ') });
    expect(broken.status).toBe(422);
    expect(await broken.text()).toContain('文件不是有效的 JSON');

    const catalog = JSON.parse(raisedCatalogue('2026.9')) as Record<string, unknown> & {
      programmes: { id: string; citations: { documentId: string }[] }[];
    };
    catalog.programmes[0]!.id = 'Bad Id';
    catalog.programmes[1]!.citations[0]!.documentId = 'no-such-document';
    const invalid = await officer.post('/console/catalogs/upload', { file: file(JSON.stringify(catalog)) });
    expect(invalid.status).toBe(422);
    const html = await invalid.text();
    expect(html).toContain('政策库有错误，未保存');
    expect(html).toContain('programmes[0].id: programme ids are snake_case');
    expect(html).toContain('programmes[1].citations[0].documentId: unknown document no-such-document');

    const sameVersion = await officer.post('/console/catalogs/upload', {
      file: file(JSON.stringify(cnNational)),
    });
    expect(sameVersion.status).toBe(409);
    expect(await sameVersion.text()).toContain('已有版本');

    const empty = await officer.post('/console/catalogs/upload', { file: file('') });
    expect(empty.status).toBe(400);
    expect(await harness.deps.database.db.select().from(policyCatalogs)).toEqual([]);
  });

  it('lets every staff member view catalogues but only the district officer upload or confirm', async () => {
    const preview = await officer.post('/console/catalogs/upload', { file: file(raisedCatalogue('2026.1')) });
    const confirmPath = (await preview.text()).match(
      /action="(\/console\/catalogs\/pending\/[^"]+\/confirm)"/,
    )![1]!;

    for (const username of ['demo-teacher', 'demo-officer']) {
      const staff = client();
      expect((await staff.logIn(username, DEMO_PASSWORD)).status).toBe(303);
      const list = await staff.get('/console/catalogs');
      expect(list.status).toBe(200);
      const html = await list.text();
      expect(html).toContain('只有区县资助管理员可以上传新版本');
      expect(html).not.toContain('enctype="multipart/form-data"');
      expect((await staff.get('/console/catalogs/shipped/cn-national')).status).toBe(200);
      expect(
        (await staff.post('/console/catalogs/upload', { file: file(raisedCatalogue('2026.5')) })).status,
      ).toBe(403);
      expect((await staff.post(confirmPath)).status).toBe(403);
    }
    expect((await eligibility()).catalog.version).toBe('2025.1');

    const anonymous = await harness.app.request('/console/catalogs');
    expect(anonymous.status).toBe(302);
  });
});
