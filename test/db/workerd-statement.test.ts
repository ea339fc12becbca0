/**
 * A prepared write (src/db/prepared-statement.ts) on real D1 inside workerd (Miniflare): D1 keeps no statements
 * for us, so the same build runs as an ordinary drizzle query with the call's values, in an atomic batch, and the
 * write guard still undoes the whole batch.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const tools = { mf: await import('miniflare'), esbuild: await import('esbuild') };

const WORKER = `
import { eq, sql } from 'drizzle-orm';
import { preparedStatement } from '../db/prepared-statement.ts';
import { rateLimits } from '../db/schema.ts';
import { abortUnlessChanged } from '../db/write-guard.ts';
import { openD1Database } from './worker/d1-database.ts';

const setCount = preparedStatement((db, values) =>
  db.update(rateLimits).set({ count: sql\`\${values.count}\` }).where(eq(rateLimits.key, values.key)),
);
const guard = preparedStatement((db) => abortUnlessChanged(db));

export default {
  async fetch(request, env) {
    await env.DB.exec('create table if not exists rate_limits (key text primary key, window_start integer not null, count integer not null, window_ms integer)');
    await env.DB.exec('create table if not exists write_guards (must_not_be_null integer not null)');
    await env.DB.exec("insert or replace into rate_limits values ('k', 0, 1, null)");
    const database = openD1Database(env.DB);
    const read = async () => (await env.DB.prepare("select count from rate_limits where key = 'k'").first('count'));
    const changes = await database.atomic([setCount(database, { count: 7, key: 'k' }), setCount(database, { count: 8, key: 'k' })]);
    const afterUpdates = await read();
    let conflict = '';
    try {
      await database.atomic([setCount(database, { count: 9, key: 'k' }), setCount(database, { count: 10, key: 'none' }), guard(database, {})]);
    } catch (error) {
      conflict = String(error?.cause?.message ?? error?.message);
    }
    const afterConflict = await read();
    return Response.json({ kept: typeof database.statement, changes, afterUpdates, conflict, afterConflict });
  },
};`;

describe('prepared statements on D1 in workerd', () => {
  it('run as drizzle queries with their values in an atomic batch, guard included', {
    timeout: 120_000,
  }, async () => {
    const built = await tools.esbuild.build({
      stdin: {
        contents: WORKER,
        resolveDir: fileURLToPath(new URL('../../src/platform/', import.meta.url)),
        loader: 'ts',
      },
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      write: false,
    });
    const mf = new tools.mf.Miniflare({
      modules: true,
      script: built.outputFiles[0]?.text ?? '',
      compatibilityDate: '2025-09-01',
      d1Databases: ['DB'],
    });
    try {
      const response = await mf.dispatchFetch('http://d1.test/');
      const result = (await response.json()) as Record<string, unknown>;
      expect(result).toMatchObject({ kept: 'undefined', changes: [1, 1], afterUpdates: 8, afterConflict: 8 });
      expect(result.conflict).toContain('write_guards');
    } finally {
      await mf.dispose();
    }
  });
});
