import { Hono } from 'hono';
import type { ConsoleEnv } from '../console/console-env.js';
import { forbidden } from '../console/denied-page.js';
import type { AppDeps } from '../platform/ports.js';
import { classAdminRoutes } from './class-admin-routes.js';
import { promoteRoutes } from './promote-routes.js';
import { administeredSchool } from './school-of.js';
import { studentRoutes } from './student-routes.js';
import { teacherRoutes } from './teacher-routes.js';
import { termRoutes } from './term-routes.js';

/**
 * A school's year, run by its aid officer (/console/admin): terms, classes, which teacher has which class,
 * students and guardians by hand, and promoting a grade at the end of the year. Every route is the school
 * officer's own school only (canAdministerSchool) and every change is audited.
 */
export function schoolAdminRoutes(deps: AppDeps) {
  const routes = new Hono<ConsoleEnv>();
  routes.use(async (c, next) => {
    if (!(await administeredSchool(deps, c))) return forbidden(c);
    await next();
  });
  routes.get('/', (c) => c.redirect('/console/admin/classes', 303));
  routes.route('/terms', termRoutes(deps));
  routes.route('/classes', classAdminRoutes(deps));
  routes.route('/teachers', teacherRoutes(deps));
  routes.route('/students', studentRoutes(deps));
  routes.route('/promote', promoteRoutes(deps));
  return routes;
}
