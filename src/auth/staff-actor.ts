export type StaffRole =
  | 'class_teacher'
  | 'school_officer'
  | 'school_leader'
  | 'principal'
  | 'district_officer';

/** A logged-in staff member as every console route sees them. */
export interface StaffActor {
  kind: 'staff';
  id: string;
  username: string;
  displayName: string;
  role: StaffRole;
  schoolId: string | null;
  districtId: string | null;
  /** The classes a class teacher teaches (empty for other roles). */
  classIds: readonly string[];
  csrfToken: string;
}

export const STAFF_ROLES: readonly StaffRole[] = [
  'class_teacher',
  'school_officer',
  'school_leader',
  'principal',
  'district_officer',
];
