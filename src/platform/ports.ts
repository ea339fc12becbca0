import type { BatchItem } from 'drizzle-orm/batch';
import type { BaseSQLiteDatabase, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { AppConfig } from '../config.js';
import type * as schema from '../db/schema.js';
import type { RequestInfo } from '../http/client-ip.js';
import type { Logger } from './logger.js';

// Ports: the only things core code knows about a runtime. Each has one implementation per runtime
// (src/platform/node/*, src/platform/worker/*).

/** drizzle over D1 (async) or better-sqlite3 (sync). Core code always `await`s, which works for both. */
export type Database = BaseSQLiteDatabase<'sync' | 'async', unknown, typeof schema>;
export type AtomicStatement = BatchItem<'sqlite'>;

export interface DatabasePort {
  db: Database;
  /**
   * Runs the statements all-or-nothing and returns how many rows each one changed.
   * D1 has no interactive transactions (`batch` is atomic); better-sqlite3 transactions must be synchronous.
   * So statements are built first and run here together; nothing may be read between them.
   * Resolves once the write is durable, so an answer, a job's next step or a message sent to someone may depend
   * on it. On Node, atomic writes made in the same turn of the event loop share one commit (one fsync; see
   * src/platform/node/group-commit.ts); plain `db` writes still commit one by one, so hot paths use `atomic`.
   */
  atomic(statements: AtomicStatement[]): Promise<number[]>;
  /**
   * One write whose result the caller needs at once (an upsert that returns the new count), run as an atomic
   * write: on Node inside the group commit (no fsync on the event loop), on D1 alone (one statement is atomic).
   * Resolves with what `run` returned once the write is durable. `run` runs exactly one statement, and on Node
   * synchronously (a drizzle query's `.all()` or `.run()` on better-sqlite3 is).
   */
  atomicQuery<T>(run: () => T | Promise<T>): Promise<T>;
  /**
   * Where the runtime keeps prepared statements (Node: better-sqlite3), a statement for `atomic` from SQL text and
   * its values, the text prepared once. Used by src/db/prepared-statement.ts for hot writes, whose SQL drizzle
   * then builds once instead of on every call. Absent on D1, where those writes are drizzle queries as usual.
   */
  statement?(text: string, values: readonly unknown[]): AtomicStatement;
  /** Cheap query proving the database answers (used by /healthz). */
  ping(): Promise<void>;
  /**
   * How many of the committed migrations this database has had applied (/healthz compares it with the
   * migrations the code was built with). Node: drizzle's migrator table; D1: wrangler's.
   */
  appliedMigrations(): Promise<number>;
  /** Most bound parameters one statement may carry (D1: 100), so batched inserts know how many rows fit. */
  maxBoundParameters: number;
  /**
   * Statements inserting many rows of one table, for `atomic`, in the fastest way the runtime has; rows whose
   * key already exists are skipped. Every column must be given in each row (null where empty).
   */
  insertRows<T extends SQLiteTable>(table: T, rows: readonly T['$inferInsert'][]): AtomicStatement[];
}

export interface StoredBlob {
  bytes: Uint8Array<ArrayBuffer>;
  contentType: string;
}

export interface BlobStore {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<StoredBlob | null>;
  delete(key: string): Promise<void>;
}

/** A job row just committed to the `jobs` table (see src/delivery/job-store.ts). */
export interface DispatchedJob {
  id: string;
  runAt: number;
}

/**
 * Makes committed job rows run. Node: wakes the in-process worker (which would also find them by polling).
 * Workers: sends one Cloudflare Queue message per job (delayed until runAt). The `jobs` table is the truth on
 * both, so a lost wake-up or message only delays a job: the scheduler dispatches overdue rows again.
 */
export interface JobQueue {
  dispatch(jobs: readonly DispatchedJob[]): Promise<void>;
  /**
   * Node's in-process worker only: a place to run a job of this lane (src/jobs/job-lane.ts) as soon as it is
   * stored, when the lane is idle and a place is free. The job's insert then also claims it, in the same commit
   * (enqueueJobs), so it starts without a claim of its own. Null when it cannot; absent on Workers.
   */
  reserve?(lane: string): JobReservation | null;
}

/** A place held in the worker for a job being stored; exactly one of `start` or `release` follows. */
export interface JobReservation {
  /** How long the insert's claim lasts, as the worker's own claims. */
  leaseMs: number;
  /** The claim was committed: run the job (the row as claimed). */
  start(row: typeof schema.jobs.$inferSelect): void;
  /** The claim was not won (a redelivered job, another job of the lane waiting) or the write failed. */
  release(): void;
}

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export interface AppDeps {
  config: AppConfig;
  /** The caller's address and public origin; `platform` is the runtime's own request context (Hono's c.env). */
  requestInfo: (request: Request, platform: unknown) => RequestInfo;
  /**
   * The whole request body. Optional: without it the web Request is read, which is what Workers do. Node reads
   * the socket's stream itself, which costs far less than the web stream its adapter would build around it.
   */
  readBody?: (request: Request, platform: unknown) => Promise<Uint8Array<ArrayBuffer>>;
  database: DatabasePort;
  blobs: BlobStore;
  queue: JobQueue;
  clock: Clock;
  logger: Logger;
  /** The runtime's own HMAC-SHA256 check where it beats Web Crypto (Node); absent: Web Crypto (Workers). */
  hmac?: HmacSha256Verifier;
}

/** Whether `mac` is HMAC-SHA256(secret, data), compared in constant time. */
export type HmacSha256Verifier = (
  secret: string,
  data: Uint8Array<ArrayBuffer>,
  mac: Uint8Array<ArrayBuffer>,
) => boolean | Promise<boolean>;

export const systemClock: Clock = { now: () => Date.now() };
