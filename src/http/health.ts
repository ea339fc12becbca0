import { Hono } from 'hono';
import type { AppDeps } from '../platform/ports.js';

export function healthRoutes(deps: AppDeps) {
  const routes = new Hono();
  routes.get('/healthz', async (c) => {
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
  });
  return routes;
}
