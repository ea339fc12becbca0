import { and, asc, eq, inArray } from 'drizzle-orm';
import { aidAwards, applications, classes, students } from '../db/schema.js';
import type { Translate } from '../i18n/index.js';
import type { AppDeps } from '../platform/ports.js';
import { applicationVault } from './application-vault.js';
import { APPROVED_STATUSES } from './review-chain.js';

/**
 * The 台账 of a school's term: every approved award with its payment, in a column layout close to the national
 * student-aid system's import sheet (序号, 姓名, 身份证件号, 学籍号, 年级班级, 资助项目, 档次, 金额, 发放日期, 发放方式, 状态).
 * ID numbers are masked unless `fullIds` (the caller has checked the role and audits the export).
 */
export async function ledgerRows(
  deps: AppDeps,
  input: {
    schoolId: string;
    termKey: string;
    t: Translate;
    programmeName: (id: string) => string;
    fullIds: boolean;
  },
): Promise<string[][]> {
  const { t } = input;
  const rows = await deps.database.db
    .select({
      application: applications,
      award: aidAwards,
      studentName: students.name,
      studentNumber: students.studentNumber,
      className: classes.name,
    })
    .from(applications)
    .innerJoin(students, eq(students.id, applications.studentId))
    .innerJoin(classes, eq(classes.id, applications.classId))
    .leftJoin(aidAwards, eq(aidAwards.applicationId, applications.id))
    .where(
      and(
        eq(applications.schoolId, input.schoolId),
        eq(applications.termKey, input.termKey),
        inArray(applications.status, [...APPROVED_STATUSES]),
      ),
    )
    .orderBy(asc(classes.name), asc(students.studentNumber));
  const vault = input.fullIds ? await applicationVault(deps.config) : null;
  const table: string[][] = [
    [
      t('applications.ledger.col_no'),
      t('applications.ledger.col_name'),
      t('applications.ledger.col_id'),
      t('applications.ledger.col_student_number'),
      t('applications.ledger.col_class'),
      t('applications.ledger.col_programme'),
      t('applications.ledger.col_tier'),
      t('applications.ledger.col_amount'),
      t('applications.ledger.col_paid_on'),
      t('applications.ledger.col_channel'),
      t('applications.ledger.col_status'),
    ],
  ];
  let index = 0;
  for (const row of rows) {
    const { application, award } = row;
    const id =
      vault && application.residentIdEnc
        ? await vault.decrypt(application.residentIdEnc, application.id)
        : (application.residentIdMasked ?? '');
    table.push([
      String(++index),
      row.studentName,
      id,
      row.studentNumber,
      row.className,
      input.programmeName(application.programmeId),
      award?.tier ?? application.tier ?? '',
      String(award?.amount ?? application.amount ?? ''),
      award?.paidOn ?? '',
      award ? t(`applications.payment.${award.paymentChannel}`) : '',
      t(`applications.status.${application.status}`),
    ]);
  }
  return table;
}

/** The terms a school has approved awards in, newest first (e.g. "2026-2027:autumn"). */
export async function ledgerTerms(deps: AppDeps, schoolId: string): Promise<string[]> {
  const rows = await deps.database.db
    .selectDistinct({ termKey: applications.termKey })
    .from(applications)
    .where(and(eq(applications.schoolId, schoolId), inArray(applications.status, [...APPROVED_STATUSES])));
  return rows
    .map((row) => row.termKey)
    .sort()
    .reverse();
}
