import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openSqliteDatabase } from '../../src/platform/node/sqlite-database.js';
import { makeTempDir } from '../support/temp-dir.js';

// Issue 7, defect 10: an acknowledged write must survive a power cut, so every commit is synced.
describe('the Node database file', () => {
  it('opens in WAL mode with synchronous=FULL, also when reopened', () => {
    const dir = makeTempDir('durability');
    const path = join(dir.path, 'mingbai.db');
    try {
      for (let open = 0; open < 2; open++) {
        const database = openSqliteDatabase(path);
        expect(database.db.get(sql`pragma synchronous`)).toEqual({ synchronous: 2 }); // 2 = FULL
        expect(database.db.get(sql`pragma journal_mode`)).toEqual({ journal_mode: 'wal' });
        database.close();
      }
    } finally {
      dir.remove();
    }
  });
});
