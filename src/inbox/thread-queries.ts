import { and, asc, count, desc, eq, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { StaffActor } from '../auth/staff-actor.js';
import {
  classes,
  districts,
  inboxMessages,
  inboxReads,
  inboxThreads,
  schools,
  staffAccounts,
  students,
} from '../db/schema.js';
import type { AppDeps, AtomicStatement } from '../platform/ports.js';
import { threadsVisibleTo } from './thread-scope.js';

export type ThreadStatus = 'new' | 'answered' | 'closed';
export const THREAD_STATUSES: readonly ThreadStatus[] = ['new', 'answered', 'closed'];

/** The reader's own row of inbox_reads, joined beside each thread. */
const myReads = alias(inboxReads, 'my_reads');

/** Threads this staff member has not opened since the parent last wrote (closed ones excluded). */
export async function unreadThreadCount(deps: AppDeps, actor: StaffActor): Promise<number> {
  const reads = myReads;
  const [row] = await deps.database.db
    .select({ total: count() })
    .from(inboxThreads)
    .leftJoin(reads, and(eq(reads.threadId, inboxThreads.id), eq(reads.staffId, actor.id)))
    .where(
      and(
        threadsVisibleTo(actor),
        ne(inboxThreads.status, 'closed'),
        sql`coalesce(${reads.readAt}, 0) < ${inboxThreads.lastGuardianAt}`,
      ),
    );
  return Number(row?.total ?? 0);
}

export interface ThreadSummary {
  id: string;
  status: ThreadStatus;
  topic: string;
  audience: 'class' | 'district';
  studentName: string | null;
  relation: string | null;
  className: string | null;
  updatedAt: number;
  unread: boolean;
  lastBody: string;
}

const PAGE_SIZE = 100;

/** The actor's threads, newest activity first; `open` means new and answered. */
export async function listThreads(
  deps: AppDeps,
  actor: StaffActor,
  status: ThreadStatus | 'open',
): Promise<ThreadSummary[]> {
  const reads = myReads;
  const lastBody = sql<string>`(select ${inboxMessages.body} from ${inboxMessages}
    where ${inboxMessages.threadId} = ${inboxThreads.id}
    order by ${inboxMessages.createdAt} desc limit 1)`;
  const rows = await deps.database.db
    .select({
      id: inboxThreads.id,
      status: inboxThreads.status,
      topic: inboxThreads.topic,
      audience: inboxThreads.audience,
      studentName: students.name,
      relation: inboxThreads.relation,
      className: classes.name,
      updatedAt: inboxThreads.updatedAt,
      readAt: reads.readAt,
      lastGuardianAt: inboxThreads.lastGuardianAt,
      lastBody,
    })
    .from(inboxThreads)
    .leftJoin(students, eq(students.id, inboxThreads.studentId))
    .leftJoin(classes, eq(classes.id, students.classId))
    .leftJoin(reads, and(eq(reads.threadId, inboxThreads.id), eq(reads.staffId, actor.id)))
    .where(
      and(
        threadsVisibleTo(actor),
        status === 'open' ? ne(inboxThreads.status, 'closed') : eq(inboxThreads.status, status),
      ),
    )
    .orderBy(desc(inboxThreads.updatedAt))
    .limit(PAGE_SIZE);
  return rows.map(({ readAt, lastGuardianAt, ...row }) => ({
    ...row,
    unread: row.status !== 'closed' && (readAt ?? 0) < lastGuardianAt,
    lastBody: row.lastBody ?? '',
  }));
}

export interface ThreadMessage {
  id: string;
  author: 'guardian' | 'staff';
  staffName: string | null;
  topic: string | null;
  body: string;
  uploadId: string | null;
  createdAt: number;
}

export interface LoadedThread {
  id: string;
  audience: 'class' | 'district';
  districtId: string;
  districtName: string;
  schoolId: string | null;
  schoolName: string | null;
  classId: string | null;
  className: string | null;
  studentName: string | null;
  relation: string | null;
  conversationId: string;
  topic: string;
  status: ThreadStatus;
  createdAt: number;
  messages: ThreadMessage[];
}

export async function loadThread(deps: AppDeps, threadId: string): Promise<LoadedThread | null> {
  const { db } = deps.database;
  const [row] = await db
    .select({
      thread: inboxThreads,
      districtName: districts.name,
      schoolName: schools.name,
      className: classes.name,
      studentName: students.name,
    })
    .from(inboxThreads)
    .innerJoin(districts, eq(districts.id, inboxThreads.districtId))
    .leftJoin(schools, eq(schools.id, inboxThreads.schoolId))
    .leftJoin(classes, eq(classes.id, inboxThreads.classId))
    .leftJoin(students, eq(students.id, inboxThreads.studentId))
    .where(eq(inboxThreads.id, threadId))
    .limit(1);
  if (!row) return null;
  const messages = await db
    .select({
      id: inboxMessages.id,
      author: inboxMessages.author,
      staffName: staffAccounts.displayName,
      topic: inboxMessages.topic,
      body: inboxMessages.body,
      uploadId: inboxMessages.uploadId,
      createdAt: inboxMessages.createdAt,
    })
    .from(inboxMessages)
    .leftJoin(staffAccounts, eq(staffAccounts.id, inboxMessages.staffId))
    .where(eq(inboxMessages.threadId, threadId))
    .orderBy(asc(inboxMessages.createdAt), asc(inboxMessages.id));
  const { thread } = row;
  return {
    id: thread.id,
    audience: thread.audience,
    districtId: thread.districtId,
    districtName: row.districtName,
    schoolId: thread.schoolId,
    schoolName: row.schoolName,
    classId: thread.classId,
    className: row.className,
    studentName: row.studentName,
    relation: thread.relation,
    conversationId: thread.conversationId,
    topic: thread.topic,
    status: thread.status,
    createdAt: thread.createdAt,
    messages,
  };
}

/** Records that this staff member has now read everything in the thread. */
export function markReadStatement(deps: AppDeps, threadId: string, staffId: string): AtomicStatement {
  const now = deps.clock.now();
  return deps.database.db
    .insert(inboxReads)
    .values({ threadId, staffId, readAt: now })
    .onConflictDoUpdate({ target: [inboxReads.threadId, inboxReads.staffId], set: { readAt: now } });
}

/** A parent's threads that are still open, for the chat's "my messages". */
export async function openThreadsOf(deps: AppDeps, conversationId: string) {
  const lastStaffReply = sql<string | null>`(select ${inboxMessages.body} from ${inboxMessages}
    where ${inboxMessages.threadId} = ${inboxThreads.id} and ${inboxMessages.author} = 'staff'
    order by ${inboxMessages.createdAt} desc limit 1)`;
  return deps.database.db
    .select({
      id: inboxThreads.id,
      audience: inboxThreads.audience,
      status: inboxThreads.status,
      topic: inboxThreads.topic,
      className: classes.name,
      schoolName: schools.name,
      districtName: districts.name,
      updatedAt: inboxThreads.updatedAt,
      lastStaffReply,
    })
    .from(inboxThreads)
    .innerJoin(districts, eq(districts.id, inboxThreads.districtId))
    .leftJoin(schools, eq(schools.id, inboxThreads.schoolId))
    .leftJoin(classes, eq(classes.id, inboxThreads.classId))
    .where(and(eq(inboxThreads.conversationId, conversationId), ne(inboxThreads.status, 'closed')))
    .orderBy(desc(inboxThreads.updatedAt))
    .limit(20);
}
