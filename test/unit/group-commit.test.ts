import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { jobs } from '../../src/db/schema.js';
import { createGroupCommit } from '../../src/platform/node/group-commit.js';
import { openSqliteDatabase } from '../../src/platform/node/sqlite-database.js';
import { createWalSync } from '../../src/platform/node/wal-sync.js';
import { makeTempDir } from '../support/temp-dir.js';

// Issue 13: concurrent writes share one fsync, and a write's promise settles only once it is committed.
describe('group commit on the Node database', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  });

  /** A writer and a second connection on the same file that sees only what has been committed. */
  function twoConnections() {
    const dir = makeTempDir('group-commit');
    const path = join(dir.path, 'test.db');
    const writer = new BetterSqlite3(path);
    writer.pragma('journal_mode = WAL');
    writer.exec('create table notes (id integer primary key, text text not null unique)');
    const reader = new BetterSqlite3(path, { readonly: true });
    cleanups.push(
      () => dir.remove(),
      () => writer.close(),
      () => reader.close(),
    );
    const wal = createWalSync(path);
    cleanups.push(() => wal.close());
    const committed = () => (reader.prepare('select count(*) as n from notes').get() as { n: number }).n;
    return { writer, committed, wal };
  }

  it('commits the writes of one turn of the event loop together, and settles each only after the commit', async () => {
    const { writer, committed, wal } = twoConnections();
    const group = createGroupCommit(writer, wal.sync);
    const insert = writer.prepare('insert into notes (text) values (?)');
    const seenByOthers: number[] = [];
    const writes = Array.from({ length: 20 }, (_, index) =>
      group.submit(() => {
        seenByOthers.push(committed());
        return insert.run(`note ${index}`).changes;
      }),
    );
    // Nothing runs before the group does.
    expect(committed()).toBe(0);
    let settled = 0;
    for (const write of writes) void write.then(() => settled++);
    await Promise.resolve();
    expect(settled).toBe(0);

    expect(await Promise.all(writes)).toEqual(Array(20).fill(1));
    // While the twentieth ran, the nineteen before it were written but not yet committed: one commit for all.
    expect(seenByOthers).toEqual(Array(20).fill(0));
    expect(committed()).toBe(20);
  });

  it('tells a writer only after the WAL is on disk, without blocking the event loop meanwhile', async () => {
    const { writer, committed, wal } = twoConnections();
    const steps: string[] = [];
    const group = createGroupCommit(writer, async () => {
      steps.push(`fsync starts, ${committed()} rows committed`);
      await wal.sync();
      steps.push('fsync done');
    });
    const insert = writer.prepare('insert into notes (text) values (?)');
    const writes = [1, 2, 3].map((n) => group.submit(() => insert.run(`note ${n}`).changes));
    for (const write of writes) void write.then(() => steps.push('writer told'));
    await Promise.all(writes);
    expect(steps).toEqual([
      'fsync starts, 3 rows committed',
      'fsync done',
      'writer told',
      'writer told',
      'writer told',
    ]);
    // Only the group's COMMIT skips the in-line fsync: a plain write on this connection still waits for it.
    expect(writer.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('shares fsyncs: calls made while one runs wait for a single next one', async () => {
    const { writer, wal } = twoConnections();
    writer.exec("insert into notes (text) values ('a')");
    const first = wal.sync();
    const waiting = [wal.sync(), wal.sync(), wal.sync()];
    expect(waiting[0]).toBe(waiting[1]);
    expect(waiting[1]).toBe(waiting[2]);
    expect(waiting[0]).not.toBe(first);
    await Promise.all([first, ...waiting]);
  });

  it('undoes only the write that failed; the others in its group are committed', async () => {
    const { writer, committed, wal } = twoConnections();
    const group = createGroupCommit(writer, wal.sync);
    const insert = writer.prepare('insert into notes (text) values (?)');
    const results = await Promise.allSettled([
      group.submit(() => insert.run('first').changes),
      group.submit(() => {
        insert.run('half of a failing write');
        return insert.run('first').changes; // unique: fails, and takes its first row with it
      }),
      group.submit(() => insert.run('third').changes),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    expect(committed()).toBe(2);
    const texts = writer.prepare('select text from notes order by id').pluck().all();
    expect(texts).toEqual(['first', 'third']);
  });

  it('runs every write again on its own when one of them ends the whole transaction', async () => {
    const { writer, committed, wal } = twoConnections();
    writer.exec("insert into notes (text) values ('taken')");
    const group = createGroupCommit(writer, wal.sync);
    const insert = writer.prepare('insert into notes (text) values (?)');
    const results = await Promise.allSettled([
      group.submit(() => insert.run('before').changes),
      // OR ROLLBACK ends the transaction itself, savepoints and all.
      group.submit(() => writer.prepare("insert or rollback into notes (text) values ('taken')").run()),
      group.submit(() => insert.run('after').changes),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(committed()).toBe(3);
    expect(writer.inTransaction).toBe(false);
  });

  it('keeps a guarded atomic write all-or-nothing through the port, and commits writes pending at close', async () => {
    const dir = makeTempDir('group-commit-port');
    cleanups.push(() => dir.remove());
    const path = join(dir.path, 'mingbai.db');
    const database = openSqliteDatabase(path);
    const row = (key: string) => ({
      id: `job_${key}`,
      kind: 'prune_chat_history',
      payload: '{}',
      idempotencyKey: key,
      status: 'queued' as const,
      attempts: 0,
      maxAttempts: 1,
      runAt: 0,
      createdAt: 0,
      updatedAt: 0,
    });
    const { db } = database;
    const outcomes = await Promise.allSettled([
      database.atomic([db.insert(jobs).values(row('a'))]),
      // The second statement repeats a primary key: neither row of this write is kept.
      database.atomic([
        db.insert(jobs).values(row('b')),
        db.insert(jobs).values({ ...row('c'), id: 'job_a' }),
      ]),
      database.atomic([db.update(jobs).set({ attempts: 1 }).where(eq(jobs.id, 'job_a'))]),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[2] as PromiseFulfilledResult<number[]>).value).toEqual([1]);
    expect(await db.select({ id: jobs.id, attempts: jobs.attempts }).from(jobs)).toEqual([
      { id: 'job_a', attempts: 1 },
    ]);

    const pending = database.atomic([db.insert(jobs).values(row('d'))]);
    database.close();
    await pending;
    const reopened = new BetterSqlite3(path, { readonly: true });
    cleanups.push(() => reopened.close());
    expect(reopened.prepare('select id from jobs order by id').pluck().all()).toEqual(['job_a', 'job_d']);
  });
});
