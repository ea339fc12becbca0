import { statSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { writeGuards } from '../../src/db/schema.js';
import { openSqliteDatabase } from '../../src/platform/node/sqlite-database.js';
import { makeTempDir } from '../support/temp-dir.js';

// Issue 13: checkpoints run on a worker thread, not inside a COMMIT on the event loop; what was written is in
// the database file afterwards, and nothing is lost when the file is closed and opened again.
describe('WAL checkpoints on a thread of their own', () => {
  it('copies the log into the database file while the connection goes on writing', async () => {
    const dir = makeTempDir('checkpoint');
    const path = join(dir.path, 'mingbai.db');
    try {
      const database = openSqliteDatabase(path);
      // SQLite's own checkpoints (inside COMMIT, on the event loop) are off.
      expect(database.db.get(sql`pragma wal_autocheckpoint`)).toEqual({ wal_autocheckpoint: 0 });
      const before = statSync(path).size;
      const groups = 250;
      for (let group = 0; group < groups; group++) {
        await database.atomic([database.db.insert(writeGuards).values({ mustNotBeNull: group })]);
      }
      // The worker copies pages into the file beside the writes; give it a moment.
      const deadline = Date.now() + 10_000;
      while (statSync(path).size <= before && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(statSync(path).size).toBeGreaterThan(before);
      database.close();

      const reopened = new BetterSqlite3(path, { readonly: true });
      try {
        expect(reopened.prepare('select count(*) as count from write_guards').get()).toEqual({
          count: groups,
        });
      } finally {
        reopened.close();
      }
    } finally {
      dir.remove();
    }
  });
});
