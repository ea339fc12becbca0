import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { BoundChild, ChatIdentity } from '../binding/binding-service.js';
import { applicationDocuments, applications, classes, students } from '../db/schema.js';
import type { Locale } from '../i18n/index.js';
import type { AppDeps } from '../platform/ports.js';
import { newId } from '../util/ids.js';
import type { ApplicationRow } from './load-application.js';

/** The newest application this chat identity can still change (a draft, or one returned for changes). */
export async function openApplicationOf(
  deps: Pick<AppDeps, 'database'>,
  identity: ChatIdentity,
): Promise<ApplicationRow | null> {
  const [row] = await deps.database.db
    .select()
    .from(applications)
    .where(
      and(
        eq(applications.channel, identity.channel),
        eq(applications.identity, identity.id),
        inArray(applications.status, ['draft', 'returned']),
      ),
    )
    .orderBy(desc(applications.updatedAt))
    .limit(1);
  return row ?? null;
}

/** One of this identity's applications by id (any status); null when it is not theirs. */
export async function applicationOfIdentity(
  deps: Pick<AppDeps, 'database'>,
  identity: ChatIdentity,
  id: unknown,
): Promise<ApplicationRow | null> {
  if (typeof id !== 'string') return null;
  const [row] = await deps.database.db
    .select()
    .from(applications)
    .where(
      and(
        eq(applications.id, id),
        eq(applications.channel, identity.channel),
        eq(applications.identity, identity.id),
      ),
    )
    .limit(1);
  return row ?? null;
}

/**
 * A new draft for a bound child and a programme, or the open one the guardian already has for them (so choosing
 * 申请 twice continues the same application).
 */
export async function draftFor(
  deps: AppDeps,
  input: {
    identity: ChatIdentity;
    conversationId: string;
    child: BoundChild;
    programmeId: string;
    catalogId: string;
    categories: readonly string[];
    locale: Locale;
  },
): Promise<ApplicationRow> {
  const { db } = deps.database;
  const [existing] = await db
    .select()
    .from(applications)
    .where(
      and(
        eq(applications.studentId, input.child.studentId),
        eq(applications.programmeId, input.programmeId),
        eq(applications.channel, input.identity.channel),
        eq(applications.identity, input.identity.id),
        inArray(applications.status, ['draft', 'returned']),
      ),
    )
    .limit(1);
  if (existing) return existing;
  const [student] = await db
    .select({ classId: students.classId, schoolYear: classes.schoolYear, term: classes.term })
    .from(students)
    .innerJoin(classes, eq(classes.id, students.classId))
    .where(eq(students.id, input.child.studentId))
    .limit(1);
  if (!student) throw new Error('bound student has no class');
  const now = deps.clock.now();
  const row: ApplicationRow = {
    id: newId('app_'),
    schoolId: input.child.schoolId,
    classId: student.classId,
    studentId: input.child.studentId,
    termKey: `${student.schoolYear}:${student.term}`,
    programmeId: input.programmeId,
    catalogId: input.catalogId,
    channel: input.identity.channel,
    identity: input.identity.id,
    conversationId: input.conversationId,
    bindingId: input.child.bindingId,
    relation: input.child.relation,
    locale: input.locale,
    status: 'draft',
    revision: 0,
    categories: JSON.stringify(input.categories),
    situation: null,
    familyMembers: null,
    residentIdEnc: null,
    residentIdIndex: null,
    residentIdMasked: null,
    pledgedAt: null,
    consentedAt: null,
    uploadTokenHash: null,
    tier: null,
    amount: null,
    returnReason: null,
    returnFields: null,
    rejectReason: null,
    submittedAt: null,
    createdAt: now,
    updatedAt: now,
  };
  await db.insert(applications).values(row);
  return row;
}

/** The current photos of an application, per document kind. */
export async function currentDocuments(deps: Pick<AppDeps, 'database'>, applicationId: string) {
  return deps.database.db
    .select({
      id: applicationDocuments.id,
      kind: applicationDocuments.kind,
      uploadId: applicationDocuments.uploadId,
      createdAt: applicationDocuments.createdAt,
    })
    .from(applicationDocuments)
    .where(and(eq(applicationDocuments.applicationId, applicationId), isNull(applicationDocuments.removedAt)))
    .orderBy(applicationDocuments.createdAt);
}

export function parseList(json: string | null): string[] {
  if (!json) return [];
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}
