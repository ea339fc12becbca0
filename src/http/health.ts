import { Hono } from 'hono';
import journal from '../db/migrations/meta/_journal.json' with { type: 'json' };
import type { AppDeps } from '../platform/ports.js';

/** The migrations this build was made with; a database with fewer is missing tables or columns it needs. */
const EXPECTED_MIGRATIONS = journal.entries.length;

export function healthRoutes(deps: AppDeps) {
  const routes = new Hono();
  routes.get('/healthz', async (c) => {
    let applied: number;
    try {
      await deps.database.ping();
      applied = await deps.database.appliedMigrations();
    } catch (error) {
      deps.logger.error('health check failed', { error });
      return c.json(
        { status: 'unavailable', error: { code: 'unavailable', message: 'database unavailable' } },
        503,
      );
    }
    const schema = { applied, expected: EXPECTED_MIGRATIONS };
    if (applied < EXPECTED_MIGRATIONS) {
      deps.logger.error('database schema is behind the code', schema);
      return c.json(
        {
          status: 'unavailable',
          schema,
          error: {
            code: 'schema_outdated',
            message: `The database has ${applied} of ${EXPECTED_MIGRATIONS} migrations: apply them (Workers: wrangler d1 migrations apply DB).`,
          },
        },
        503,
      );
    }
    return c.json({ status: 'ok', schema, time: new Date(deps.clock.now()).toISOString() });
  });
  return routes;
}
