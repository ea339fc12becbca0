import type { StaffRole } from '../auth/staff-actor.js';
import { APPLICATION_STATUSES } from '../db/schema.js';

// The review chain as data: 学生申请 → 班主任审查 → 分管领导审核 → 校长审批 → 校内公示 → 报送 → 发放 → 台账, with
// "returned for changes" and "rejected" at each review stage. Pure: no I/O, so every rule is tested directly.

export { APPLICATION_STATUSES };
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const TRANSITION_ACTIONS = [
  'submit',
  'approve',
  'return',
  'reject',
  'publicise',
  'report',
  'pay',
  'archive',
] as const;
export type TransitionAction = (typeof TRANSITION_ACTIONS)[number];

/** Who acts: a staff role, the guardian who owns the application, or the system (scheduled jobs). */
export type TransitionActor = StaffRole | 'guardian' | 'system';

interface Rule {
  action: TransitionAction;
  from: ApplicationStatus;
  to: ApplicationStatus;
  by: TransitionActor;
}

/** The review stage each reviewer acts at: the one status they may approve, return or reject. */
export const REVIEW_STAGE: Partial<Record<StaffRole, ApplicationStatus>> = {
  class_teacher: 'submitted',
  school_leader: 'teacher_approved',
  principal: 'leader_approved',
};

const APPROVED_TO: Record<string, ApplicationStatus> = {
  submitted: 'teacher_approved',
  teacher_approved: 'leader_approved',
  leader_approved: 'principal_approved',
};

const RULES: readonly Rule[] = [
  { action: 'submit', from: 'draft', to: 'submitted', by: 'guardian' },
  { action: 'submit', from: 'returned', to: 'submitted', by: 'guardian' },
  ...Object.entries(REVIEW_STAGE).flatMap(([role, stage]) => [
    { action: 'approve' as const, from: stage, to: APPROVED_TO[stage]!, by: role as StaffRole },
    { action: 'return' as const, from: stage, to: 'returned' as const, by: role as StaffRole },
    { action: 'reject' as const, from: stage, to: 'rejected' as const, by: role as StaffRole },
  ]),
  { action: 'publicise', from: 'principal_approved', to: 'publicised', by: 'school_officer' },
  { action: 'report', from: 'publicised', to: 'reported', by: 'school_officer' },
  { action: 'pay', from: 'reported', to: 'paid', by: 'school_officer' },
  { action: 'archive', from: 'paid', to: 'archived', by: 'school_officer' },
];

export type TransitionCheck =
  | { ok: true; to: ApplicationStatus }
  /** wrong_role: this role never takes this step; wrong_state: not from where the application is now. */
  | { ok: false; reason: 'wrong_role' | 'wrong_state' };

/** Whether `actor` may take `action` on an application in status `from`, and where it then goes. */
export function checkTransition(
  from: ApplicationStatus,
  action: TransitionAction,
  actor: TransitionActor,
): TransitionCheck {
  const byActor = RULES.filter((rule) => rule.action === action && rule.by === actor);
  if (byActor.length === 0) return { ok: false, reason: 'wrong_role' };
  const rule = byActor.find((candidate) => candidate.from === from);
  return rule ? { ok: true, to: rule.to } : { ok: false, reason: 'wrong_state' };
}

/** The statuses a role's review queue shows as waiting for them. */
export function waitingFor(role: StaffRole): ApplicationStatus[] {
  const stage = REVIEW_STAGE[role];
  if (stage) return [stage];
  if (role === 'school_officer') return ['principal_approved', 'publicised', 'reported', 'paid'];
  return [];
}

/** Statuses from which the school has approved the award (the 台账 lists these). */
export const APPROVED_STATUSES: readonly ApplicationStatus[] = [
  'principal_approved',
  'publicised',
  'reported',
  'paid',
  'archived',
];

/** Statuses a guardian can still change: drafts and returned applications. */
export function isEditableByGuardian(status: ApplicationStatus): boolean {
  return status === 'draft' || status === 'returned';
}

/** Every rule, for the state machine's own tests and the console's legend. */
export function transitionRules(): readonly Rule[] {
  return RULES;
}
