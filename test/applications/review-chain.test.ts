import { describe, expect, it } from 'vitest';
import {
  APPLICATION_STATUSES,
  checkTransition,
  TRANSITION_ACTIONS,
  transitionRules,
  waitingFor,
} from '../../src/applications/index.js';
import { publicityEndsAt, workingDaysLeft } from '../../src/applications/publicity-period.js';
import { tierOptions } from '../../src/applications/tier-options.js';
import { getCatalog } from '../../src/policy/index.js';

describe('the review chain as a state machine', () => {
  it('walks 学生申请 → 班主任 → 分管领导 → 校长 → 公示 → 上报 → 发放 → 台账 with the right role at each step', () => {
    const steps = [
      ['draft', 'submit', 'guardian', 'submitted'],
      ['submitted', 'approve', 'class_teacher', 'teacher_approved'],
      ['teacher_approved', 'approve', 'school_leader', 'leader_approved'],
      ['leader_approved', 'approve', 'principal', 'principal_approved'],
      ['principal_approved', 'publicise', 'school_officer', 'publicised'],
      ['publicised', 'report', 'school_officer', 'reported'],
      ['reported', 'pay', 'school_officer', 'paid'],
      ['paid', 'archive', 'school_officer', 'archived'],
      ['returned', 'submit', 'guardian', 'submitted'],
    ] as const;
    for (const [from, action, actor, to] of steps)
      expect(checkTransition(from, action, actor)).toEqual({ ok: true, to });
  });

  it('lets each reviewer return or reject only at their own stage', () => {
    expect(checkTransition('submitted', 'return', 'class_teacher')).toEqual({ ok: true, to: 'returned' });
    expect(checkTransition('leader_approved', 'reject', 'principal')).toEqual({ ok: true, to: 'rejected' });
    expect(checkTransition('submitted', 'reject', 'principal')).toEqual({ ok: false, reason: 'wrong_state' });
    expect(checkTransition('leader_approved', 'approve', 'class_teacher')).toEqual({
      ok: false,
      reason: 'wrong_state',
    });
    expect(checkTransition('submitted', 'approve', 'district_officer')).toEqual({
      ok: false,
      reason: 'wrong_role',
    });
    expect(checkTransition('submitted', 'submit', 'school_officer')).toEqual({
      ok: false,
      reason: 'wrong_role',
    });
  });

  it('has no way out of rejected or archived, and every rule names a real status and action', () => {
    for (const action of TRANSITION_ACTIONS)
      for (const actor of [
        'guardian',
        'class_teacher',
        'school_leader',
        'principal',
        'school_officer',
      ] as const) {
        expect(checkTransition('rejected', action, actor).ok).toBe(false);
        expect(checkTransition('archived', action, actor).ok).toBe(false);
      }
    for (const rule of transitionRules()) {
      expect(APPLICATION_STATUSES).toContain(rule.from);
      expect(APPLICATION_STATUSES).toContain(rule.to);
    }
    expect(waitingFor('class_teacher')).toEqual(['submitted']);
    expect(waitingFor('principal')).toEqual(['leader_approved']);
  });
});

describe('the 公示 period', () => {
  const shanghai = (iso: string) => Date.parse(`${iso}+08:00`);

  it('counts 5 working days from a Monday to the end of Friday', () => {
    const end = publicityEndsAt(shanghai('2026-09-07T10:00:00'), 5, 'Asia/Shanghai');
    expect(end).toBe(shanghai('2026-09-11T23:59:59.999'));
  });

  it('skips the weekend: published on a Thursday it ends on the next Wednesday', () => {
    const end = publicityEndsAt(shanghai('2026-09-10T16:00:00'), 5, 'Asia/Shanghai');
    expect(end).toBe(shanghai('2026-09-16T23:59:59.999'));
  });

  it('published on a Saturday it starts counting on Monday', () => {
    const end = publicityEndsAt(shanghai('2026-09-12T09:00:00'), 5, 'Asia/Shanghai');
    expect(end).toBe(shanghai('2026-09-18T23:59:59.999'));
    expect(workingDaysLeft(shanghai('2026-09-12T09:00:00'), end, 'Asia/Shanghai')).toBe(5);
    expect(workingDaysLeft(end + 1, end, 'Asia/Shanghai')).toBe(0);
  });
});

describe('档次 from the catalogue', () => {
  it('offers the tiers of a tiered standard, highest first, and fixed amounts as they are', () => {
    const county = getCatalog('demo-county')!;
    const senior = tierOptions(county, 'senior_national_grant', '2019-09-01', 'zh-CN');
    expect(senior.map((option) => option.amount)).toEqual(expect.arrayContaining([2500, 2000, 1500]));
    const tiered = senior.filter((option) => option.id.includes(':tier_'));
    expect(tiered.map((option) => option.amount)).toEqual([2500, 2000, 1500]);
    expect(tiered[0]?.label).toContain('一档');
    const national = getCatalog('cn-national')!;
    const living = tierOptions(national, 'compulsory_living_subsidy', '2026-09-01', 'zh-CN');
    expect(living.map((option) => option.amount)).toEqual(expect.arrayContaining([1250, 1500, 625, 750]));
  });
});
