import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditCsv } from '../../src/audit/audit-csv.js';
import { auditStatement } from '../../src/audit/audit-log.js';
import { t } from '../../src/i18n/index.js';
import { formatLocalTime, startOfLocalDay, zoneLabel } from '../../src/util/local-time.js';
import {
  auditRows,
  boundParent,
  demoOfficer,
  demoTeacher,
  makeSecurityWorld,
  printCodes,
  type SecurityWorld,
  type StaffAgent,
} from '../support/security-fixtures.js';

/** The text of each row of the audit table, tags removed. */
const tableRows = (html: string) =>
  (html.split('<tbody>')[1]?.split('</tbody>')[0] ?? '')
    .split('</tr>')
    .map((row) =>
      row
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((row) => row !== '');

describe('the audit log a school officer can read', () => {
  let world: SecurityWorld;
  let officer: StaffAgent;
  beforeEach(async () => {
    world = await makeSecurityWorld();
    const teacher = await demoTeacher(world.fetcher);
    await teacher.get('/console/classes/demo_p3_2');
    const codes = await printCodes(teacher, 'demo_p3_2');
    await boundParent(world.fetcher, codes.get('demo_s1')!);
    officer = await demoOfficer(world.fetcher);
  });
  afterEach(() => world.harness.close());

  it('says who and what by name, in local time with the zone shown, never ids or JSON', async () => {
    const html = await (await officer.get('/console/audit')).text();
    expect(html).toContain('时间为 Asia/Shanghai, UTC+08:00');
    const rows = tableRows(html);
    const view = rows.find((row) => row.includes('查看班级名单'));
    expect(view).toContain('周老师（演示班主任）');
    expect(view).toContain('三年级二班');
    // The clock of the test world stands at 2026-09-01 08:00 UTC, 16:00 in Beijing.
    expect(view).toContain('2026-09-01 16:00:00');
    const bound = rows.find((row) => row.includes('家长绑定孩子'));
    expect(bound).toContain('家长（三年级二班 王*明 的父亲）');
    expect(bound).toContain('三年级二班 王*明');
    expect(bound).toContain('关系：父亲');
    const issued = rows.find((row) => row.includes('生成绑定码'));
    expect(issued).toContain('学生人数：2');
    const body = rows.join('\n');
    for (const raw of ['demo_teacher', 'demo_s1', 'demo_p3_2', '"relation"', '{', 'class.view', 'web:c_'])
      expect(body, raw).not.toContain(raw);
    // The full name of a child never appears in the log.
    expect(body).not.toContain('王小明');
  });

  it('filters by an action chosen from a list, and by a person', async () => {
    const page = await (await officer.get('/console/audit')).text();
    expect(page).toContain('<option value="class.view">查看班级名单</option>');
    expect(page).toContain('<option value="binding.create">家长绑定孩子</option>');
    const filtered = await (await officer.get('/console/audit?action=class.view')).text();
    expect(filtered).toContain('<option value="class.view" selected="">');
    const actions = [...filtered.matchAll(/<tr data-action="([^"]+)"/g)].map((match) => match[1]);
    expect(actions.length).toBeGreaterThan(0);
    expect(new Set(actions)).toEqual(new Set(['class.view']));
    const byOfficer = await (await officer.get('/console/audit?actor=demo_officer')).text();
    const officerRows = tableRows(byOfficer);
    expect(officerRows.length).toBeGreaterThan(0);
    for (const row of officerRows) expect(row).toContain('吴老师（演示资助专干）');
  });

  it('reads dates as days in TIME_ZONE', async () => {
    // 2026-09-01 08:00 UTC is 1 September in Beijing; 2 September has nothing yet.
    const day = await (await officer.get('/console/audit?from=2026-09-01&to=2026-09-01')).text();
    expect(tableRows(day).length).toBeGreaterThan(0);
    const next = await (await officer.get('/console/audit?from=2026-09-02')).text();
    expect(tableRows(next)).toEqual([]);
    expect(next).toContain(t('zh-CN', 'audit.none'));
  });

  it('exports the filtered log as CSV that Excel opens (UTF-8 with BOM), and logs the export', async () => {
    const response = await officer.get('/console/audit/export.csv?action=binding.create');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain('attachment');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const [header, ...lines] = text.trimEnd().split('\r\n');
    expect(header).toBe('"时间（Asia/Shanghai, UTC+08:00）",操作人,操作,对象,详情,IP 地址');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(
      '2026-09-01 16:00:00,家长（三年级二班 王*明 的父亲）,家长绑定孩子,三年级二班 王*明',
    );
    const [exported] = await auditRows(world, 'audit.export');
    expect(exported).toMatchObject({ actorId: 'demo_officer', schoolId: 'demo_primary' });
    expect((await (await demoTeacher(world.fetcher)).get('/console/audit/export.csv')).status).toBe(403);
  });

  it('shows an action it has no name for by its code, and odd details without crashing', async () => {
    await world.deps.database.atomic([
      auditStatement(world.deps, {
        actorType: 'system',
        action: 'future.thing',
        schoolId: 'demo_primary',
        details: { answer: 42, nested: { a: 1 } },
      }),
    ]);
    const row = tableRows(await (await officer.get('/console/audit?action=future.thing')).text())[0];
    expect(row).toContain('future.thing');
    expect(row).toContain('系统');
    expect(row).toContain('answer：42');
  });
});

describe('audit helpers', () => {
  it('formats times and days in the configured zone', () => {
    const at = Date.parse('2026-09-01T20:30:00Z');
    expect(formatLocalTime(at, 'Asia/Shanghai')).toBe('2026-09-02 04:30:00');
    expect(formatLocalTime(at, 'UTC')).toBe('2026-09-01 20:30:00');
    expect(zoneLabel('Asia/Shanghai', at)).toBe('Asia/Shanghai, UTC+08:00');
    expect(new Date(startOfLocalDay('2026-09-02', 'Asia/Shanghai')).toISOString()).toBe(
      '2026-09-01T16:00:00.000Z',
    );
    expect(startOfLocalDay('not a date', 'Asia/Shanghai')).toBeNaN();
  });

  it('quotes CSV fields and defuses formulas', () => {
    const csv = auditCsv(
      ['a'],
      [{ time: 't', actor: '=HYPERLINK("x")', action: 'a,b', target: 'line\nbreak', details: '"q"', ip: '' }],
    );
    expect(csv).toBe('\uFEFFa\r\nt,"\'=HYPERLINK(""x"")","a,b","line\nbreak","""q""",\r\n');
  });
});
