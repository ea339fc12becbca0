import { Hono } from 'hono';
import { z } from 'zod';
import { jsonResponse, operation } from '../openapi/index.js';
import type { AppDeps } from '../platform/ports.js';

const HealthySchema = z.object({ status: z.literal('ok'), time: z.string() });
const UnhealthySchema = z.object({
  status: z.literal('unavailable'),
  error: z.object({ code: z.literal('unavailable'), message: z.string() }),
});

export function healthRoutes(deps: AppDeps) {
  const routes = new Hono();
  routes.get(
    '/healthz',
    operation({
      summary: 'Liveness and database check',
      tags: ['service'],
      responses: {
        '200': jsonResponse('The database answers', HealthySchema),
        '503': jsonResponse('The database does not answer', UnhealthySchema),
      },
    }),
    async (c) => {
      try {
        await deps.database.ping();
        return c.json({ status: 'ok', time: new Date(deps.clock.now()).toISOString() });
      } catch (error) {
        deps.logger.error('health check failed', { error });
        return c.json(
          { status: 'unavailable', error: { code: 'unavailable', message: 'database unavailable' } },
          503,
        );
      }
    },
  );
  return routes;
}
