import { Hono } from 'hono';
import { registerApplicationStaffApi } from '../applications/staff-api-routes.js';
import { visibleClasses } from '../console/class-scope.js';
import { jsonResponse, operation } from '../openapi/index.js';
import type { AppDeps } from '../platform/ports.js';
import { noticeApiRoutes } from './notice-api-routes.js';
import { type StaffApiEnv, staffApiAuth } from './staff-api-auth.js';
import { StaffClassListSchema, StaffMeSchema } from './staff-api-schemas.js';

const tags = ['staff'];

/**
 * /api/staff: the console's actions for programs, behind a staff API token. Each route asks the same
 * permission function as the console page that does the same thing (src/auth/permissions.ts).
 */
export function staffApi(deps: AppDeps) {
  const api = new Hono<StaffApiEnv>();
  api.use(staffApiAuth(deps));

  api.get(
    '/me',
    operation({
      summary: 'Who this token acts for',
      tags,
      responses: { '200': jsonResponse('The token’s owner and role', StaffMeSchema) },
    }),
    (c) => {
      const { id, username, displayName, role, schoolId, districtId, classIds } = c.get('staffActor');
      return c.json({ id, username, displayName, role, schoolId, districtId, classIds: [...classIds] });
    },
  );

  api.get(
    '/classes',
    operation({
      summary: 'The classes this token may see',
      tags,
      responses: { '200': jsonResponse('Classes, by school, grade and name', StaffClassListSchema) },
    }),
    async (c) => {
      const rows = await visibleClasses(deps, c.get('staffActor'));
      return c.json({
        classes: rows.map(({ id, name, grade, schoolId, schoolName, schoolYear, term }) => ({
          id,
          name,
          grade,
          schoolId,
          schoolName,
          schoolYear,
          term,
        })),
      });
    },
  );

  api.route('/', noticeApiRoutes(deps));
  // The review chain's actions; the token (checked above for every route) says who acts.
  registerApplicationStaffApi(api, deps, async (c) => c.get('staffActor'), '');
  return api;
}
