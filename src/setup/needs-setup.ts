import { staffAccounts } from '../db/schema.js';
import type { AppDeps } from '../platform/ports.js';

/** A deployment needs first-run setup while it has no staff account at all (demo accounts count). */
export async function needsSetup(deps: Pick<AppDeps, 'database'>): Promise<boolean> {
  const [any] = await deps.database.db.select({ id: staffAccounts.id }).from(staffAccounts).limit(1);
  return !any;
}
