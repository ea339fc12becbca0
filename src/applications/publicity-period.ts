// The 公示 period: at least 5 working days (教财〔2018〕16号), counted in the school's time zone, weekends
// skipped. Pure, so the tests can walk it across weekends with fixed dates. Public holidays are not known here:
// a school that publishes before a holiday sets more days.

const DAY_MS = 24 * 60 * 60 * 1000;

/** The calendar date (YYYY-MM-DD) and weekday (0 Sunday … 6 Saturday) of an instant in a time zone. */
export function localDay(epochMs: number, timeZone: string): { date: string; weekday: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
    })
      .formatToParts(new Date(epochMs))
      .map((part) => [part.type, part.value]),
  );
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday ?? '');
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday };
}

/** Minutes the zone is ahead of UTC at an instant (Asia/Shanghai: 480). */
function offsetMinutes(epochMs: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(new Date(epochMs))
      .map((part) => [part.type, part.value]),
  );
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
  );
  return Math.round((asUtc - Math.floor(epochMs / 60_000) * 60_000) / 60_000);
}

/**
 * When a list published at `startMs` comes down: the end of its `workingDays`-th working day. The day of
 * publication counts when it is a working day (the list is up from that moment); Saturdays and Sundays never do.
 */
export function publicityEndsAt(startMs: number, workingDays: number, timeZone: string): number {
  let counted = 0;
  let cursor = startMs;
  for (let guard = 0; guard < 400; guard++) {
    const { weekday } = localDay(cursor, timeZone);
    if (weekday >= 1 && weekday <= 5) counted++;
    if (counted >= workingDays) break;
    cursor += DAY_MS;
  }
  const { date } = localDay(cursor, timeZone);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const nextMidnightUtc = Date.UTC(year, month - 1, day + 1);
  return nextMidnightUtc - offsetMinutes(cursor, timeZone) * 60_000 - 1;
}

/** Working days left from `now` until `endsAt` (the current day counted while it is a working day). */
export function workingDaysLeft(now: number, endsAt: number, timeZone: string): number {
  if (now > endsAt) return 0;
  let left = 0;
  for (let cursor = now; cursor <= endsAt; cursor += DAY_MS) {
    const { weekday } = localDay(cursor, timeZone);
    if (weekday >= 1 && weekday <= 5) left++;
  }
  return left;
}
