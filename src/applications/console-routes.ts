import { Hono } from 'hono';
import type { ConsoleEnv } from '../console/console-env.js';
import type { AppDeps } from '../platform/ports.js';
import { awardsConsoleRoutes } from './awards-console-routes.js';
import { reviewConsoleRoutes } from './review-console-routes.js';

/** Every console page of applications, for the console shell to mount at /console/applications. */
export function applicationConsoleRoutes(deps: AppDeps) {
  const routes = new Hono<ConsoleEnv>();
  // The fixed paths (settings, publicity, ledger) first, so /:id never takes them.
  routes.route('/', awardsConsoleRoutes(deps));
  routes.route('/', reviewConsoleRoutes(deps));
  return routes;
}
