import { and, asc, eq, inArray, lt, lte, or, type Placeholder, sql } from 'drizzle-orm';
import { preparedQuery } from '../db/prepared-query.js';
import { jobs } from '../db/schema.js';
import type { Job } from '../jobs/job.js';
import { jobLane, LANE_ID_PATH, laneSource } from '../jobs/job-lane.js';
import type { AppDeps, AtomicStatement, DispatchedJob } from '../platform/ports.js';
import { newId } from '../util/ids.js';
import { retryDelayMs } from './retry-delay.js';

// The `jobs` table: every state change of a job is one guarded UPDATE, so two workers (or a Queue message
// delivered twice) can never both run the same attempt.

export type JobRow = typeof jobs.$inferSelect;
type Deps = Pick<AppDeps, 'database' | 'clock'>;

export interface JobSpec {
  job: Job;
  /** Same key, same work: a second enqueue with it stores nothing. */
  idempotencyKey: string;
  runAt?: number;
  maxAttempts?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 6;
/** A claim lasts this long; a run that takes longer renews it (see renewLease). */
export const DEFAULT_LEASE_MS = 60_000;

/** The inserts for some jobs, to commit in the same atomic write as the change that calls for them. */
export function jobInsertStatements(
  deps: Deps,
  specs: readonly JobSpec[],
): { statements: AtomicStatement[]; dispatched: DispatchedJob[] } {
  const now = deps.clock.now();
  const rows = specs.map((spec) => newJobRow(spec, now));
  return {
    statements: insertJobs(deps, rows),
    dispatched: rows.map((row) => ({ id: row.id, runAt: row.runAt })),
  };
}

function newJobRow(spec: JobSpec, now: number): JobRow {
  return {
    id: newId('job_'),
    kind: spec.job.type,
    payload: JSON.stringify(spec.job),
    idempotencyKey: spec.idempotencyKey,
    status: 'queued',
    attempts: 0,
    maxAttempts: spec.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    runAt: spec.runAt ?? now,
    leaseUntil: null,
    lastError: null,
    createdAt: now,
    updatedAt: now,
    finishedAt: null,
  };
}

/** A row whose idempotency key is stored already is skipped (ids are random, so only the key can clash). */
const insertJobs = (deps: Deps, rows: JobRow[]) => deps.database.insertRows(jobs, rows);

/**
 * Stores the jobs (once per idempotency key) and tells the runtime to run them. Where the runtime has a place
 * free for a job's lane at once (the Node worker, see JobQueue.reserve), the same commit also claims the job
 * and the worker starts it from the row as written: one commit and no read between storing and running.
 */
export async function enqueueJobs(deps: Pick<AppDeps, 'database' | 'clock' | 'queue'>, specs: JobSpec[]) {
  if (specs.length === 0) return;
  const now = deps.clock.now();
  const rows = specs.map((spec) => newJobRow(spec, now));
  const reservations = deps.queue.reserve ? rows.map((row) => reserveAtOnce(deps, row, now)) : [];
  if (!reservations.some(Boolean)) {
    const { statements, dispatched } = jobInsertStatements(deps, specs);
    await deps.database.atomic(statements);
    await deps.queue.dispatch(dispatched);
    return;
  }
  // One insert per row, in the order given, so a lane's later job is stored after its earlier one; each
  // reserved row's claim right after its own insert.
  const statements: AtomicStatement[] = [];
  const claimAt: number[] = [];
  rows.forEach((row, index) => {
    statements.push(...insertJobs(deps, [row]));
    const reserved = reservations[index];
    if (reserved) claimAt[index] = statements.push(claimAtOnce(deps, row, now + reserved.leaseMs)) - 1;
  });
  let changed: number[];
  try {
    changed = await deps.database.atomic(statements);
  } catch (error) {
    for (const reserved of reservations) reserved?.release();
    throw error;
  }
  const dispatched: DispatchedJob[] = [];
  rows.forEach((row, index) => {
    const reserved = reservations[index];
    if (reserved && changed[claimAt[index]!] === 1) {
      reserved.start({ ...row, status: 'running', attempts: 1, leaseUntil: now + reserved.leaseMs });
      return;
    }
    // Not claimed (another job of its lane comes first, or its key was stored before): the worker runs it in
    // its turn, as any stored job.
    reserved?.release();
    dispatched.push({ id: row.id, runAt: row.runAt });
  });
  if (dispatched.length > 0) await deps.queue.dispatch(dispatched);
}

/** A place in the worker for this row's lane, when it is due now and its lane is one that runs alongside others. */
function reserveAtOnce(deps: Pick<AppDeps, 'queue'>, row: JobRow, now: number) {
  if (row.runAt > now || !laneSource(row.kind, row.payload)) return null;
  return deps.queue.reserve?.(jobLane(row.kind, row.payload)) ?? null;
}

/**
 * Claims a row just inserted by the same atomic write, as claimJobs would, but only if no other unfinished job
 * of its lane exists (one queued before it, a retry waiting, a run of a crashed process): those come first, so
 * the lane's order holds. A row that was not inserted (its key was stored before) is not claimed either.
 */
function claimAtOnce(deps: Deps, row: JobRow, leaseUntil: number): AtomicStatement {
  const source = laneSource(row.kind, row.payload)!;
  return deps.database.db
    .update(jobs)
    .set({ status: 'running', attempts: 1, leaseUntil })
    .where(
      and(
        eq(jobs.id, row.id),
        eq(jobs.status, 'queued'),
        eq(jobs.attempts, 0),
        sql`not exists (select 1 from "jobs" as "other" where "other"."status" in ('queued', 'running') and "other"."id" <> ${row.id} and "other"."kind" = ${row.kind} and json_extract("other"."payload", '$.event.source.type') = ${source.type} and json_extract("other"."payload", ${LANE_ID_PATH[source.type]}) = ${source.id})`,
      ),
    );
}

const claimable = (now: number | Placeholder) =>
  or(
    and(eq(jobs.status, 'queued'), lte(jobs.runAt, now)),
    // A run whose worker died (process killed, isolate evicted) is taken over once its lease runs out.
    and(eq(jobs.status, 'running'), lt(jobs.leaseUntil, now)),
  );

/** Claims the next due job, if any: one UPDATE … RETURNING, so only one claimant wins. */
export async function claimNextJob(deps: Deps, leaseMs = DEFAULT_LEASE_MS): Promise<JobRow | null> {
  const { db } = deps.database;
  const now = deps.clock.now();
  const next = db.select({ id: jobs.id }).from(jobs).where(claimable(now)).orderBy(asc(jobs.runAt)).limit(1);
  const [row] = await db
    .update(jobs)
    .set({
      status: 'running',
      attempts: sql`${jobs.attempts} + 1`,
      leaseUntil: now + leaseMs,
      updatedAt: now,
    })
    .where(and(inArray(jobs.id, next), claimable(now)))
    .returning();
  return row ?? null;
}

/**
 * Due jobs in the order they should run: by runAt, then in the order they were stored (two events of one
 * webhook share a runAt). For a worker that runs several at once and picks among them (src/platform/node).
 */
export async function dueJobs(deps: Deps, limit: number): Promise<Pick<JobRow, 'id' | 'kind' | 'payload'>[]> {
  return dueJobsQuery(deps.database.db).all({ now: deps.clock.now(), limit });
}

/** Run each time the Node worker looks for work (after every job): prepared once per database. */
const dueJobsQuery = preparedQuery((db) =>
  db
    .select({ id: jobs.id, kind: jobs.kind, payload: jobs.payload })
    .from(jobs)
    .where(claimable(sql.placeholder('now')))
    .orderBy(asc(jobs.runAt), sql`rowid`)
    .limit(sql.placeholder('limit'))
    .prepare(),
);

/**
 * Claims these jobs in one atomic write, each with its own guarded UPDATE (so only one claimant wins each), and
 * returns the ones won, in the order asked.
 */
export async function claimJobs(
  deps: Deps,
  ids: readonly string[],
  leaseMs = DEFAULT_LEASE_MS,
): Promise<JobRow[]> {
  if (ids.length === 0) return [];
  const { db } = deps.database;
  const now = deps.clock.now();
  const changed = await deps.database.atomic(
    ids.map((id) =>
      db
        .update(jobs)
        .set({
          status: 'running',
          attempts: sql`${jobs.attempts} + 1`,
          leaseUntil: now + leaseMs,
          updatedAt: now,
        })
        .where(and(eq(jobs.id, id), claimable(now))),
    ),
  );
  const won = ids.filter((_, index) => changed[index] === 1);
  if (won.length === 0) return [];
  const rows = await db.select().from(jobs).where(inArray(jobs.id, won));
  const byId = new Map(rows.map((row) => [row.id, row]));
  return won.flatMap((id) => byId.get(id) ?? []);
}

/** Claims one job by id (a Queue message names it); null when it is done, dead, not due or held by another run. */
export async function claimJob(deps: Deps, id: string, leaseMs = DEFAULT_LEASE_MS): Promise<JobRow | null> {
  const now = deps.clock.now();
  const [row] = await deps.database.db
    .update(jobs)
    .set({
      status: 'running',
      attempts: sql`${jobs.attempts} + 1`,
      leaseUntil: now + leaseMs,
      updatedAt: now,
    })
    .where(and(eq(jobs.id, id), claimable(now)))
    .returning();
  return row ?? null;
}

/** Extends a claim during a long run; false when the claim was lost (the run should stop). */
export async function renewLease(deps: Deps, row: JobRow, leaseMs = DEFAULT_LEASE_MS): Promise<boolean> {
  const now = deps.clock.now();
  const updated = await deps.database.db
    .update(jobs)
    .set({ leaseUntil: now + leaseMs, updatedAt: now })
    .where(and(eq(jobs.id, row.id), eq(jobs.status, 'running'), eq(jobs.attempts, row.attempts)))
    .returning({ id: jobs.id });
  return updated.length > 0;
}

/** The write recording a finished run, for an atomic write (the Node worker's share a commit with others). */
export function completeJobStatement(deps: Deps, row: JobRow): AtomicStatement {
  const now = deps.clock.now();
  return deps.database.db
    .update(jobs)
    .set({ status: 'done', leaseUntil: null, updatedAt: now, finishedAt: now, lastError: null })
    .where(and(eq(jobs.id, row.id), eq(jobs.status, 'running'), eq(jobs.attempts, row.attempts)));
}

export async function completeJob(deps: Deps, row: JobRow): Promise<void> {
  await completeJobStatement(deps, row);
}

/**
 * The write recording a failed attempt (back to the queue after a backoff, or dead once attempts are used up)
 * and what it decides.
 */
export function failJobStatement(
  deps: Deps,
  row: JobRow,
  error: unknown,
): { statement: AtomicStatement; outcome: { status: 'queued' | 'dead'; runAt: number } } {
  const now = deps.clock.now();
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
  const dead = row.attempts >= row.maxAttempts;
  const runAt = dead ? now : now + retryDelayMs(row.attempts);
  const statement = deps.database.db
    .update(jobs)
    .set({
      status: dead ? 'dead' : 'queued',
      runAt,
      leaseUntil: null,
      lastError: message,
      updatedAt: now,
      finishedAt: dead ? now : null,
    })
    .where(and(eq(jobs.id, row.id), eq(jobs.status, 'running'), eq(jobs.attempts, row.attempts)));
  return { statement, outcome: { status: dead ? 'dead' : 'queued', runAt } };
}

/** Records a failed attempt: back to the queue after a backoff, or dead once attempts are used up. */
export async function failJob(
  deps: Deps,
  row: JobRow,
  error: unknown,
): Promise<{ status: 'queued' | 'dead'; runAt: number }> {
  const { statement, outcome } = failJobStatement(deps, row, error);
  await statement;
  return outcome;
}

/** The queue gave up on a job (Workers dead-letter queue): it is dead whatever its attempt count says. */
export async function markJobDead(deps: Deps, id: string, reason: string): Promise<void> {
  const now = deps.clock.now();
  await deps.database.db
    .update(jobs)
    .set({ status: 'dead', leaseUntil: null, lastError: reason, updatedAt: now, finishedAt: now })
    .where(and(eq(jobs.id, id), inArray(jobs.status, ['queued', 'running'])));
}

/** Jobs that should be running but are not (a lost wake-up or Queue message, an expired lease): run them again. */
export async function overdueJobs(deps: Deps, graceMs: number, limit = 500): Promise<DispatchedJob[]> {
  const now = deps.clock.now();
  return deps.database.db
    .select({ id: jobs.id, runAt: jobs.runAt })
    .from(jobs)
    .where(
      or(
        and(eq(jobs.status, 'queued'), lt(jobs.runAt, now - graceMs)),
        and(eq(jobs.status, 'running'), lt(jobs.leaseUntil, now)),
      ),
    )
    .orderBy(asc(jobs.runAt))
    .limit(limit);
}

/**
 * On Node one process owns the database file, so at start-up every `running` row belongs to a process that
 * died (kill -9, power cut): hand them back at once instead of waiting for their leases to run out.
 */
export async function releaseOrphanedJobs(deps: Deps): Promise<number> {
  const released = await deps.database.db
    .update(jobs)
    .set({ status: 'queued', leaseUntil: null, updatedAt: deps.clock.now() })
    .where(eq(jobs.status, 'running'))
    .returning({ id: jobs.id });
  return released.length;
}
