import { localMinuteOfDay } from '../../util/local-time.js';

export interface QuietHours {
  /** Local minutes after midnight; a window may cross midnight (21:00–07:30). Equal start and end: none. */
  startMinute: number;
  endMinute: number;
}

const MINUTE = 60_000;

export function isQuietAt(ms: number, timeZone: string, quiet: QuietHours): boolean {
  if (quiet.startMinute === quiet.endMinute) return false;
  const minute = localMinuteOfDay(ms, timeZone);
  return quiet.startMinute < quiet.endMinute
    ? minute >= quiet.startMinute && minute < quiet.endMinute
    : minute >= quiet.startMinute || minute < quiet.endMinute;
}

/** `ms` itself outside quiet hours, else the first minute after the window ends (local time, DST-proof). */
export function nextSendableTime(ms: number, timeZone: string, quiet: QuietHours): number {
  if (!isQuietAt(ms, timeZone, quiet)) return ms;
  const minute = localMinuteOfDay(ms, timeZone);
  const wait = (quiet.endMinute - minute + 24 * 60) % (24 * 60);
  const candidate = Math.floor(ms / MINUTE) * MINUTE + wait * MINUTE;
  // A daylight-saving jump can land inside the window again; step on a minute at a time (bounded).
  let next = candidate;
  for (let step = 0; step < 180 && isQuietAt(next, timeZone, quiet); step++) next += MINUTE;
  return next;
}
