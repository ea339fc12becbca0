import { formatLocalTime as localTimeWithSeconds } from '../util/local-time.js';

/** "2026-12-01 20:09" in the deployment's zone (TIME_ZONE), as notices and receipts show times. */
export function formatLocalTime(epochMs: number, timeZone: string): string {
  return localTimeWithSeconds(epochMs, timeZone).slice(0, 16);
}

/** "2026-12-01" in the deployment's zone. */
export function formatLocalDate(epochMs: number, timeZone: string): string {
  return localTimeWithSeconds(epochMs, timeZone).slice(0, 10);
}
