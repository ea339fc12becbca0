import type { StaffActor } from './staff-actor.js';

// Who may see and do what. Every console route asks one of these before touching data; the authorization
// matrix test walks every route with every role.

export interface ClassScope {
  id: string;
  schoolId: string;
  districtId: string;
}

const SCHOOL_WIDE = new Set(['school_officer', 'school_leader', 'principal']);

/** Read a class's roster: its own teacher, anyone school-wide at that school, the district officer. */
export function canViewClass(actor: StaffActor, scope: ClassScope): boolean {
  if (actor.role === 'class_teacher')
    return actor.schoolId === scope.schoolId && actor.classIds.includes(scope.id);
  if (SCHOOL_WIDE.has(actor.role)) return actor.schoolId === scope.schoolId;
  return actor.role === 'district_officer' && actor.districtId === scope.districtId;
}

/** Change a class's roster or its binding codes: its own teacher or the school's aid officer. */
export function canManageClass(actor: StaffActor, scope: ClassScope): boolean {
  if (actor.role === 'class_teacher')
    return actor.schoolId === scope.schoolId && actor.classIds.includes(scope.id);
  return actor.role === 'school_officer' && actor.schoolId === scope.schoolId;
}

/** Import a roster file into a school (a class teacher only for their own classes, checked per row). */
export function canImportRoster(actor: StaffActor, schoolId: string): boolean {
  return (actor.role === 'school_officer' || actor.role === 'class_teacher') && actor.schoolId === schoolId;
}

/** Manage staff accounts: the school's aid officer for their school, the district officer for the district. */
export function canManageAccounts(actor: StaffActor): boolean {
  return actor.role === 'school_officer' || actor.role === 'district_officer';
}

export function canManageAccount(
  actor: StaffActor,
  account: { schoolId: string | null; districtId: string | null; role: string },
): boolean {
  if (actor.role === 'district_officer') return account.districtId === actor.districtId;
  return (
    actor.role === 'school_officer' &&
    account.schoolId === actor.schoolId &&
    account.role !== 'district_officer'
  );
}

/** Read the audit log: school leadership and the aid officer for their school, the district officer for all. */
export function canViewAudit(actor: StaffActor): boolean {
  return SCHOOL_WIDE.has(actor.role) || actor.role === 'district_officer';
}

/** Upload and switch policy catalogue versions: the district officer only (viewing is open to all staff). */
export function canManageCatalogs(actor: StaffActor): boolean {
  return actor.role === 'district_officer';
}

/** Create, rename and close the district's schools: the district officer only. */
export function canManageSchools(actor: StaffActor): boolean {
  return actor.role === 'district_officer' && actor.districtId !== null;
}

export function canManageSchool(actor: StaffActor, school: { districtId: string }): boolean {
  return canManageSchools(actor) && school.districtId === actor.districtId;
}

/**
 * Run a school's year: its terms, classes, which teacher has which class, students and guardians by hand,
 * promoting a grade. The school's aid officer only.
 */
export function canAdministerSchool(actor: StaffActor, schoolId: string): boolean {
  return actor.role === 'school_officer' && actor.schoolId === schoolId;
}

/** Who a parent's message thread is for (see src/inbox). */
export interface ThreadScope {
  audience: 'class' | 'district';
  districtId: string;
  schoolId: string | null;
  classId: string | null;
}

/** The staff inbox: class teachers, school aid officers and the district aid centre answer parents. */
export function canUseInbox(actor: StaffActor): boolean {
  return (
    actor.role === 'class_teacher' || actor.role === 'school_officer' || actor.role === 'district_officer'
  );
}

/**
 * Read, answer and close a parent's thread: about a child, that child's class teacher and the school's aid
 * officer; with no child, the district aid centre. Leaders and principals are not sent parents' messages.
 */
export function canAnswerThread(actor: StaffActor, thread: ThreadScope): boolean {
  if (thread.audience === 'district')
    return actor.role === 'district_officer' && actor.districtId === thread.districtId;
  if (actor.role === 'class_teacher')
    return (
      actor.schoolId === thread.schoolId && thread.classId !== null && actor.classIds.includes(thread.classId)
    );
  return actor.role === 'school_officer' && actor.schoolId === thread.schoolId;
}

/** Make and revoke one's own staff API tokens: every staff member; a token then acts with their role. */
export function canCreateApiToken(actor: StaffActor): boolean {
  return actor.kind === 'staff';
}

/** A notice as the permission rules see it: its school and the classes its audience covers. */
export interface NoticeScope {
  schoolId: string;
  districtId: string;
  classIds: readonly string[];
}

/** Write and send notices: the school's aid officer (whole school, any grade or class), a class teacher (own classes). */
export function canWriteNotices(actor: StaffActor): boolean {
  return (actor.role === 'school_officer' || actor.role === 'class_teacher') && actor.schoolId !== null;
}

/** Edit and send this notice: the officer of its school; a class teacher only when every class is their own. */
export function canManageNotice(actor: StaffActor, notice: NoticeScope): boolean {
  if (actor.schoolId !== notice.schoolId) return false;
  if (actor.role === 'school_officer') return true;
  return (
    actor.role === 'class_teacher' &&
    notice.classIds.length > 0 &&
    notice.classIds.every((id) => actor.classIds.includes(id))
  );
}

/**
 * See a notice and its receipts: school-wide staff of its school, the district officer, and a class teacher
 * whose class it reaches (they then see only their own classes' families).
 */
export function canViewNotice(actor: StaffActor, notice: NoticeScope): boolean {
  if (actor.role === 'district_officer') return actor.districtId === notice.districtId;
  if (actor.schoolId !== notice.schoolId) return false;
  if (SCHOOL_WIDE.has(actor.role)) return true;
  return actor.role === 'class_teacher' && notice.classIds.some((id) => actor.classIds.includes(id));
}

/** The classes of a notice whose families this person may see (a class teacher: their own). */
export function visibleNoticeClasses(actor: StaffActor, notice: NoticeScope): readonly string[] {
  if (actor.role === 'class_teacher') return notice.classIds.filter((id) => actor.classIds.includes(id));
  return canViewNotice(actor, notice) ? notice.classIds : [];
}

/**
 * Remind the families of a notice who have not confirmed: the school's aid officer, or a class teacher for
 * their own classes the notice reaches (school leaders and the district read, they do not chase families).
 */
export function canRemindNotice(actor: StaffActor, notice: NoticeScope): boolean {
  if (actor.schoolId !== notice.schoolId) return false;
  if (actor.role === 'school_officer') return true;
  return actor.role === 'class_teacher' && notice.classIds.some((id) => actor.classIds.includes(id));
}

/** Record a paper receipt for a family no channel reaches: the same people who may remind them. */
export function canRecordPaperReceipt(actor: StaffActor, notice: NoticeScope, classId: string): boolean {
  if (!canRemindNotice(actor, notice) || !notice.classIds.includes(classId)) return false;
  return actor.role === 'school_officer' || actor.classIds.includes(classId);
}

/**
 * The 知晓率 of a school's term across its notices: school-wide staff of the school, the district officer, and
 * a class teacher (who then sees only their own classes' families).
 */
export function canViewTermAwareness(actor: StaffActor, school: { id: string; districtId: string }): boolean {
  if (actor.role === 'district_officer') return actor.districtId === school.districtId;
  if (actor.schoolId !== school.id) return false;
  return SCHOOL_WIDE.has(actor.role) || actor.role === 'class_teacher';
}

/** The district's 知晓率 across its schools: the district officer. */
export function canViewDistrictAwareness(actor: StaffActor): boolean {
  return actor.role === 'district_officer' && actor.districtId !== null;
}
