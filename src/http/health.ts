import { Hono } from 'hono';
import * as z from 'zod';
import journal from '../db/migrations/meta/_journal.json' with { type: 'json' };
import { jsonResponse, operation } from '../openapi/index.js';
import type { AppDeps } from '../platform/ports.js';

/** The migrations this build was made with; a database with fewer is missing tables or columns it needs. */
const EXPECTED_MIGRATIONS = journal.entries.length;

const SchemaCheck = z.object({ applied: z.number().int(), expected: z.number().int() });
const HealthySchema = z.object({ status: z.literal('ok'), schema: SchemaCheck, time: z.string() });
const UnhealthySchema = z.object({
  status: z.literal('unavailable'),
  schema: SchemaCheck.optional(),
  error: z.object({ code: z.enum(['unavailable', 'schema_outdated']), message: z.string() }),
});

export function healthRoutes(deps: AppDeps) {
  const routes = new Hono();
  routes.get(
    '/healthz',
    operation({
      summary: 'Liveness, database and schema check',
      tags: ['service'],
      responses: {
        '200': jsonResponse('The database answers and has every migration', HealthySchema),
        '503': jsonResponse('The database does not answer, or misses migrations', UnhealthySchema),
      },
    }),
    async (c) => {
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
    },
  );
  return routes;
}
