import type { StaffActor } from '../auth/staff-actor.js';
import type { ApplicationStatus } from './review-chain.js';

/** An application as the permission rules see it. */
export interface ApplicationScope {
  schoolId: string;
  districtId: string;
  classId: string;
}

const SCHOOL_STAFF = new Set(['school_officer', 'school_leader', 'principal']);

/** See an application's status and details: its class teacher, the school's reviewers and officer, the district. */
export function canViewApplication(actor: StaffActor, scope: ApplicationScope): boolean {
  if (actor.role === 'district_officer') return actor.districtId === scope.districtId;
  if (actor.schoolId !== scope.schoolId) return false;
  if (actor.role === 'class_teacher') return actor.classIds.includes(scope.classId);
  return SCHOOL_STAFF.has(actor.role);
}

/**
 * See the document photos: the school's officer, leader and principal; the class teacher only when the school
 * turned that on (discreet applying: a teacher sees that a family applied, not their papers).
 */
export function canViewDocuments(
  actor: StaffActor,
  scope: ApplicationScope,
  settings: { teacherSeesPhotos: boolean },
): boolean {
  if (!canViewApplication(actor, scope)) return false;
  if (actor.role === 'class_teacher') return settings.teacherSeesPhotos;
  return SCHOOL_STAFF.has(actor.role);
}

/** The full 身份证号: only the principal and the school's aid officer, each reveal audited. */
export function canRevealResidentId(actor: StaffActor, scope: ApplicationScope): boolean {
  return (actor.role === 'principal' || actor.role === 'school_officer') && actor.schoolId === scope.schoolId;
}

const TIER_STATUSES: readonly ApplicationStatus[] = [
  'submitted',
  'teacher_approved',
  'leader_approved',
  'principal_approved',
];

/** Set the 档次 and amount: the school's officer, leader or principal, until the 公示 is published. */
export function canAssignTier(
  actor: StaffActor,
  scope: ApplicationScope,
  status: ApplicationStatus,
): boolean {
  return SCHOOL_STAFF.has(actor.role) && actor.schoolId === scope.schoolId && TIER_STATUSES.includes(status);
}

/** Publish 公示 lists, record payments, export the 台账, change the school's application settings. */
export function canRunAwards(actor: StaffActor, schoolId: string): boolean {
  return actor.role === 'school_officer' && actor.schoolId === schoolId;
}

/** Read the 台账 (masked): the school's officer, leader and principal. */
export function canViewLedger(actor: StaffActor, schoolId: string): boolean {
  return SCHOOL_STAFF.has(actor.role) && actor.schoolId === schoolId;
}

/** Full ID numbers in a 台账 export: the principal and the aid officer. */
export function canExportFullIds(actor: StaffActor, schoolId: string): boolean {
  return (actor.role === 'principal' || actor.role === 'school_officer') && actor.schoolId === schoolId;
}

/** The review queue page: everyone with a school, and the district officer. */
export function canUseReviewQueue(actor: StaffActor): boolean {
  return actor.role === 'district_officer' ? actor.districtId !== null : actor.schoolId !== null;
}
