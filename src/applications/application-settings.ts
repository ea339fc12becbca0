import { eq } from 'drizzle-orm';
import { applicationSettings } from '../db/schema.js';
import type { AppDeps } from '../platform/ports.js';

export interface SchoolApplicationSettings {
  teacherSeesPhotos: boolean;
  publicityWorkingDays: number;
  reportPhone: string;
}

/** A school's choices for applications, or the deployment's defaults when it has made none. */
export async function applicationSettingsOf(
  deps: Pick<AppDeps, 'database' | 'config'>,
  schoolId: string,
): Promise<SchoolApplicationSettings> {
  const [row] = await deps.database.db
    .select()
    .from(applicationSettings)
    .where(eq(applicationSettings.schoolId, schoolId))
    .limit(1);
  return {
    teacherSeesPhotos: row?.teacherSeesPhotos ?? false,
    publicityWorkingDays: row?.publicityWorkingDays ?? deps.config.PUBLICITY_WORKING_DAYS,
    reportPhone: row?.reportPhone || deps.config.AID_HOTLINE,
  };
}

/** Saves a school's choices (one row per school). */
export function saveApplicationSettings(
  deps: Pick<AppDeps, 'database' | 'clock'>,
  schoolId: string,
  settings: SchoolApplicationSettings,
) {
  const values = { ...settings, updatedAt: deps.clock.now() };
  return deps.database.db
    .insert(applicationSettings)
    .values({ schoolId, ...values })
    .onConflictDoUpdate({ target: applicationSettings.schoolId, set: values });
}
