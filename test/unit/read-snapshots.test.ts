import { join } from 'node:path';
import { setImmediate as nextCheckPhase } from 'node:timers/promises';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createGroupCommit } from '../../src/platform/node/group-commit.js';
import { shareReadSnapshots } from '../../src/platform/node/read-snapshots.js';
import { makeTempDir } from '../support/temp-dir.js';

// Issue 13: the reads of one turn of the event loop share one read transaction (three system calls each
// otherwise); nothing written is ever held in it.
describe('read snapshots on the Node database', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  });

  /** A connection sharing snapshots, and a second one on the same file (another process, say). */
  function twoConnections() {
    const dir = makeTempDir('read-snapshots');
    const path = join(dir.path, 'test.db');
    const db = new BetterSqlite3(path);
    db.pragma('journal_mode = WAL');
    db.exec('create table notes (id integer primary key, text text not null)');
    shareReadSnapshots(db);
    const other = new BetterSqlite3(path);
    cleanups.push(
      () => dir.remove(),
      () => db.close(),
      () => other.close(),
    );
    const countOn = (connection: BetterSqlite3.Database) =>
      (connection.prepare('select count(*) as n from notes').get() as { n: number }).n;
    return { db, other, countOn };
  }

  it('keeps the reads of one turn in one read transaction, ended in the check phase', async () => {
    const { db, other, countOn } = twoConnections();
    expect(countOn(db)).toBe(0);
    expect(db.inTransaction).toBe(true);
    other.prepare("insert into notes (text) values ('elsewhere')").run();
    // The snapshot still sees the database as it was at its first read …
    expect(countOn(db)).toBe(0);
    await nextCheckPhase();
    expect(db.inTransaction).toBe(false);
    // … and the next turn sees the other connection's commit.
    expect(countOn(db)).toBe(1);
  });

  it('ends the snapshot before a write, which commits on its own at once', () => {
    const { db, other, countOn } = twoConnections();
    countOn(db);
    db.prepare("insert into notes (text) values ('plain')").run();
    expect(db.inTransaction).toBe(false);
    expect(countOn(other)).toBe(1);
    countOn(db);
    db.exec("insert into notes (text) values ('executed')");
    expect(countOn(other)).toBe(2);
  });

  it('ends the snapshot before a write that returns rows', () => {
    const { db, other, countOn } = twoConnections();
    countOn(db);
    const row = db.prepare("insert into notes (text) values ('returned') returning id").get();
    expect(row).toEqual({ id: 1 });
    expect(db.inTransaction).toBe(false);
    expect(countOn(other)).toBe(1);
  });

  it('runs a transaction function as a transaction of its own, not as a savepoint of the snapshot', () => {
    const { db, other, countOn } = twoConnections();
    countOn(db);
    const insertTwo = db.transaction(() => {
      db.prepare("insert into notes (text) values ('one')").run();
      db.prepare("insert into notes (text) values ('two')").run();
    });
    insertTwo();
    expect(db.inTransaction).toBe(false);
    expect(countOn(other)).toBe(2);
    insertTwo.immediate();
    expect(countOn(other)).toBe(4);
  });

  it('lets a group commit begin its own transaction after reads of the same turn', async () => {
    const { db, other, countOn } = twoConnections();
    const group = createGroupCommit(db, async () => {});
    const insert = db.prepare('insert into notes (text) values (?)');
    countOn(db);
    const written = Promise.all(['a', 'b'].map((text) => group.submit(() => insert.run(text).changes)));
    countOn(db);
    await expect(written).resolves.toEqual([1, 1]);
    expect(countOn(other)).toBe(2);
    expect(db.inTransaction).toBe(false);
  });
});
