import { and, asc, count, eq } from 'drizzle-orm';
import { boundChildren, type ChatIdentity, type Relation } from '../binding/binding-service.js';
import { districts, schools, staffAccounts, staffClasses, students } from '../db/schema.js';
import { type Locale, t } from '../i18n/index.js';
import type { AppDeps } from '../platform/ports.js';

/** Where a parent's message goes, resolved from their own bound children only. */
export interface Recipient {
  audience: 'class' | 'district';
  districtId: string;
  schoolId: string | null;
  classId: string | null;
  studentId: string | null;
  relation: Relation | null;
}

export interface ResolvedRecipient {
  recipient: Recipient;
  /** Who will read it, in the parent's words: "三年级二班 班主任和 明白县第一小学 资助老师". */
  label: string;
}

/** The choice value for "the district aid centre" next to the parent's children. */
export const DISTRICT_CHOICE = 'district';

const activeStaff = (role: 'class_teacher' | 'school_officer' | 'district_officer') =>
  and(eq(staffAccounts.role, role), eq(staffAccounts.disabled, false));

/**
 * Resolves the parent's pick (one of their binding ids, or DISTRICT_CHOICE) to the people who will read the
 * message. A class without a teacher goes to the school's aid officer; a school with neither, and a parent
 * with no child, go to the district aid centre. Null when nobody at all could read it.
 */
export async function resolveRecipient(
  deps: AppDeps,
  identity: ChatIdentity,
  choice: string,
  locale: Locale,
): Promise<ResolvedRecipient | null> {
  const { db } = deps.database;
  const children = await boundChildren(deps, identity);
  const child = children.find((item) => item.bindingId === choice);
  if (child) {
    const [school] = await db
      .select({ districtId: schools.districtId, classId: students.classId })
      .from(students)
      .innerJoin(schools, eq(schools.id, students.schoolId))
      .where(eq(students.id, child.studentId))
      .limit(1);
    const [teachers] = await db
      .select({ total: count() })
      .from(staffClasses)
      .innerJoin(staffAccounts, eq(staffAccounts.id, staffClasses.staffId))
      .where(and(eq(staffClasses.classId, school?.classId ?? ''), activeStaff('class_teacher')));
    const [officers] = await db
      .select({ total: count() })
      .from(staffAccounts)
      .where(and(eq(staffAccounts.schoolId, child.schoolId), activeStaff('school_officer')));
    const hasTeacher = Number(teachers?.total ?? 0) > 0;
    const hasOfficer = Number(officers?.total ?? 0) > 0;
    if (school && (hasTeacher || hasOfficer)) {
      const key = hasTeacher && hasOfficer ? 'class_and_officer' : hasTeacher ? 'teacher' : 'officer';
      return {
        recipient: {
          audience: 'class',
          districtId: school.districtId,
          schoolId: child.schoolId,
          classId: school.classId,
          studentId: child.studentId,
          relation: child.relation,
        },
        label: t(locale, `inbox.to.${key}`, { className: child.className, schoolName: child.schoolName }),
      };
    }
  }
  if (!child && choice !== DISTRICT_CHOICE) return null;
  return districtRecipient(deps, child?.schoolId ?? children[0]?.schoolId ?? null, child, locale);
}

/** The aid centre of the child's district, else of this deployment's (first) district. */
async function districtRecipient(
  deps: AppDeps,
  schoolId: string | null,
  child: { studentId: string; relation: Relation } | undefined,
  locale: Locale,
): Promise<ResolvedRecipient | null> {
  const { db } = deps.database;
  const [district] = schoolId
    ? await db
        .select({ id: districts.id, name: districts.name })
        .from(schools)
        .innerJoin(districts, eq(districts.id, schools.districtId))
        .where(eq(schools.id, schoolId))
        .limit(1)
    : await db
        .select({ id: districts.id, name: districts.name })
        .from(districts)
        .orderBy(asc(districts.createdAt), asc(districts.id))
        .limit(1);
  if (!district) return null;
  const [officers] = await db
    .select({ total: count() })
    .from(staffAccounts)
    .where(and(eq(staffAccounts.districtId, district.id), activeStaff('district_officer')));
  if (Number(officers?.total ?? 0) === 0) return null;
  return {
    recipient: {
      audience: 'district',
      districtId: district.id,
      schoolId: null,
      classId: null,
      studentId: child?.studentId ?? null,
      relation: child?.relation ?? null,
    },
    label: t(locale, 'inbox.to.district', { districtName: district.name }),
  };
}
