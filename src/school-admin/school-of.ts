import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { canAdministerSchool } from '../auth/permissions.js';
import type { ConsoleEnv } from '../console/console-env.js';
import { schools } from '../db/schema.js';
import type { AppDeps } from '../platform/ports.js';

export type SchoolRow = typeof schools.$inferSelect;

/** The school the logged-in officer administers, or null when they may not administer one. */
export async function administeredSchool(deps: AppDeps, c: Context<ConsoleEnv>): Promise<SchoolRow | null> {
  const actor = c.get('actor')!;
  if (!actor.schoolId || !canAdministerSchool(actor, actor.schoolId)) return null;
  const [school] = await deps.database.db.select().from(schools).where(eq(schools.id, actor.schoolId));
  return school ?? null;
}
