import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { auditStatement } from '../audit/audit-log.js';
import type { NoticeScope } from '../auth/permissions.js';
import type { StaffActor } from '../auth/staff-actor.js';
import { notices, noticeVersions, schools } from '../db/schema.js';
import { abortUnlessChanged, isWriteConflict } from '../db/write-guard.js';
import type { Locale } from '../i18n/index.js';
import type { AppDeps } from '../platform/ports.js';
import { newId } from '../util/ids.js';
import { audienceClasses } from './audience-classes.js';
import {
  type Audience,
  audienceSchema,
  type Confirmation,
  type NoticeContent,
  type NoticeKind,
  noticeContentSchema,
} from './notice-content.js';

export type NoticeRow = typeof notices.$inferSelect;
export type NoticeVersionRow = typeof noticeVersions.$inferSelect;

export interface NoticeDraft {
  kind: NoticeKind;
  audience: Audience;
  title: string;
  locale: Locale;
  confirmation: Confirmation;
  content: NoticeContent;
}

export interface LoadedNotice {
  notice: NoticeRow;
  audience: Audience;
  versions: NoticeVersionRow[];
  /** The newest version (a draft being written, or the last one sent). */
  current: NoticeVersionRow;
  /** The newest sent version, if any. */
  lastSent: NoticeVersionRow | null;
  scope: NoticeScope;
  schoolName: string;
}

export function parseVersionContent(row: NoticeVersionRow): NoticeContent {
  return noticeContentSchema.parse(JSON.parse(row.content));
}

/** A new notice with its first draft version. */
export async function createNotice(deps: AppDeps, actor: StaffActor, draft: NoticeDraft, ip: string | null) {
  const now = deps.clock.now();
  const noticeId = newId('ntc_');
  const versionId = newId('ntv_');
  const { db } = deps.database;
  await deps.database.atomic([
    db.insert(notices).values({
      id: noticeId,
      schoolId: actor.schoolId!,
      kind: draft.kind,
      audience: JSON.stringify(draft.audience),
      currentVersion: 1,
      createdBy: actor.id,
      createdAt: now,
      updatedAt: now,
    }),
    db.insert(noticeVersions).values({
      id: versionId,
      noticeId,
      version: 1,
      status: 'draft',
      ...versionFields(draft),
      createdBy: actor.id,
      createdAt: now,
      updatedAt: now,
    }),
    auditStatement(deps, {
      actorType: 'staff',
      actorId: actor.id,
      action: 'notice.create',
      targetType: 'notice',
      targetId: noticeId,
      schoolId: actor.schoolId,
      details: { kind: draft.kind, title: draft.title },
      ip,
    }),
  ]);
  return { noticeId, versionId };
}

const versionFields = (draft: NoticeDraft) => ({
  title: draft.title,
  locale: draft.locale,
  confirmation: draft.confirmation,
  content: JSON.stringify(draft.content),
});

/** Saves the draft version; false when it was sent meanwhile (a sent version never changes). */
export async function updateDraft(deps: AppDeps, loaded: LoadedNotice, draft: NoticeDraft): Promise<boolean> {
  if (loaded.current.status !== 'draft') return false;
  const { db } = deps.database;
  const now = deps.clock.now();
  try {
    await deps.database.atomic([
      db
        .update(noticeVersions)
        .set({ ...versionFields(draft), updatedAt: now })
        .where(and(eq(noticeVersions.id, loaded.current.id), eq(noticeVersions.status, 'draft'))),
      abortUnlessChanged(db),
      db
        .update(notices)
        .set({ audience: JSON.stringify(draft.audience), updatedAt: now })
        .where(eq(notices.id, loaded.notice.id)),
    ]);
    return true;
  } catch (error) {
    if (isWriteConflict(error)) return false;
    throw error;
  }
}

/** Starts a new draft from the last sent version (to re-issue with new content). Idempotent: one draft at a time. */
export async function startRevision(deps: AppDeps, actor: StaffActor, loaded: LoadedNotice): Promise<string> {
  if (loaded.current.status === 'draft') return loaded.current.id;
  const { db } = deps.database;
  const now = deps.clock.now();
  const versionId = newId('ntv_');
  const next = loaded.current.version + 1;
  await deps.database.atomic([
    db
      .insert(noticeVersions)
      .values({
        id: versionId,
        noticeId: loaded.notice.id,
        version: next,
        status: 'draft',
        title: loaded.current.title,
        locale: loaded.current.locale,
        confirmation: loaded.current.confirmation,
        content: loaded.current.content,
        createdBy: actor.id,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing(),
    db
      .update(notices)
      .set({ currentVersion: sql`max(${notices.currentVersion}, ${next})`, updatedAt: now })
      .where(eq(notices.id, loaded.notice.id)),
  ]);
  const [draft] = await db
    .select({ id: noticeVersions.id })
    .from(noticeVersions)
    .where(and(eq(noticeVersions.noticeId, loaded.notice.id), eq(noticeVersions.version, next)));
  return draft!.id;
}

export async function loadNotice(deps: AppDeps, noticeId: string): Promise<LoadedNotice | null> {
  const { db } = deps.database;
  const [found] = await db
    .select({ notice: notices, schoolName: schools.name, districtId: schools.districtId })
    .from(notices)
    .innerJoin(schools, eq(schools.id, notices.schoolId))
    .where(eq(notices.id, noticeId))
    .limit(1);
  if (!found) return null;
  const versions = await db
    .select()
    .from(noticeVersions)
    .where(eq(noticeVersions.noticeId, noticeId))
    .orderBy(desc(noticeVersions.version));
  const current = versions[0];
  if (!current) return null;
  const audience = audienceSchema.parse(JSON.parse(found.notice.audience));
  const classIds = (await audienceClasses(deps, found.notice.schoolId, audience)).map((row) => row.id);
  return {
    notice: found.notice,
    audience,
    versions,
    current,
    lastSent: versions.find((version) => version.status === 'sent') ?? null,
    scope: { schoolId: found.notice.schoolId, districtId: found.districtId, classIds },
    schoolName: found.schoolName,
  };
}

/** The notices of the schools this person works in, newest first, with their newest version. */
export async function listNotices(deps: AppDeps, actor: StaffActor) {
  const { db } = deps.database;
  const where =
    actor.role === 'district_officer'
      ? actor.districtId
        ? eq(schools.districtId, actor.districtId)
        : sql`0`
      : actor.schoolId
        ? eq(notices.schoolId, actor.schoolId)
        : sql`0`;
  const rows = await db
    .select({ notice: notices, schoolName: schools.name })
    .from(notices)
    .innerJoin(schools, eq(schools.id, notices.schoolId))
    .where(where)
    .orderBy(desc(notices.createdAt))
    .limit(200);
  if (rows.length === 0) return [];
  const versions = await db
    .select()
    .from(noticeVersions)
    .where(
      inArray(
        noticeVersions.noticeId,
        rows.map((row) => row.notice.id),
      ),
    );
  return rows.map((row) => {
    const own = versions.filter((version) => version.noticeId === row.notice.id);
    const current = own.sort((a, b) => b.version - a.version)[0]!;
    return { ...row, current, audience: audienceSchema.parse(JSON.parse(row.notice.audience)) };
  });
}
