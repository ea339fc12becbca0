import { describe, expect, it } from 'vitest';
import { policyCardRows } from '../../src/notices/index.js';
import { getCatalog } from '../../src/policy/index.js';

describe('the 明白卡 template', () => {
  const catalog = getCatalog('cn-national')!;

  it('lists each primary-school programme with who it is for, how much, whether to apply and how it is paid', () => {
    const rows = policyCardRows(catalog, 'primary', '2026-09-01', 'zh-CN');
    const living = rows.find((row) => row.programmeId === 'compulsory_living_subsidy')!;
    expect(living.application).toBe('required');
    // Only this stage's amounts, each labelled.
    expect(living.standard).toContain('小学寄宿生：');
    expect(living.standard).toContain('小学非寄宿生：');
    expect(living.standard).not.toContain('初中');
    expect(living.target.length).toBeGreaterThan(5);
    expect(living.payment.length).toBeGreaterThan(2);
    expect(rows.some((row) => row.programmeId === 'compulsory_free_tuition_textbooks')).toBe(true);
    expect(rows.every((row) => !row.name.includes('助学贷款'))).toBe(true);
  });

  it('speaks the reader’s language', () => {
    const rows = policyCardRows(catalog, 'primary', '2026-09-01', 'en');
    expect(rows.find((row) => row.programmeId === 'compulsory_living_subsidy')!.standard).toMatch(/yuan/);
  });
});
