import type { BatchItem } from 'drizzle-orm/batch';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type { AppConfig } from '../config.js';
import type * as schema from '../db/schema.js';
import type { RequestInfo } from '../http/client-ip.js';
import type { Job } from '../jobs/job.js';
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
   */
  atomic(statements: AtomicStatement[]): Promise<number[]>;
  /** Cheap query proving the database answers (used by /healthz). */
  ping(): Promise<void>;
  /**
   * How many of the committed migrations this database has had applied (/healthz compares it with the
   * migrations the code was built with). Node: drizzle's migrator table; D1: wrangler's.
   */
  appliedMigrations(): Promise<number>;
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

export interface JobQueue {
  enqueue(job: Job): Promise<void>;
}

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export interface AppDeps {
  config: AppConfig;
  /** The caller's address and public origin; `platform` is the runtime's own request context (Hono's c.env). */
  requestInfo: (request: Request, platform: unknown) => RequestInfo;
  database: DatabasePort;
  blobs: BlobStore;
  queue: JobQueue;
  clock: Clock;
  logger: Logger;
}

export const systemClock: Clock = { now: () => Date.now() };
