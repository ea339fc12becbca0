import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { insertJsonRows } from '../../db/insert-json-rows.js';
import * as schema from '../../db/schema.js';
import type { AtomicStatement, Database, DatabasePort } from '../ports.js';

/** D1 has no interactive transactions; `batch` runs its statements atomically. */
export function openD1Database(binding: D1Database): DatabasePort {
  const db = drizzle(binding, { schema });
  return {
    db: db as unknown as Database,
    atomic: async (statements) => {
      if (statements.length === 0) return [];
      const [first, ...rest] = statements as [AtomicStatement, ...AtomicStatement[]];
      const results = await db.batch([first, ...rest]);
      return results.map((result) => (result as D1Result).meta?.changes ?? 0);
    },
    atomicQuery: async (run) => await run(),
    maxBoundParameters: 100,
    // One JSON parameter per statement: hundreds of rows fit where 100 bound values would allow six.
    insertRows: (table, rows) => insertJsonRows(db as unknown as Database, table, rows),
    ping: async () => {
      await db.run(sql`select 1`);
    },
    appliedMigrations: async () => {
      // `wrangler d1 migrations apply` records each applied file in d1_migrations.
      const exists = await binding
        .prepare("select 1 from sqlite_master where type = 'table' and name = 'd1_migrations'")
        .first();
      if (!exists) return 0;
      return (
        (await binding.prepare('select count(*) as count from d1_migrations').first<number>('count')) ?? 0
      );
    },
  };
}
