// Staff read times in the deployment's zone (TIME_ZONE), always with the zone said, never raw UTC.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** `2026-09-01 16:00:00` in the given zone. */
export function formatLocalTime(epochMs: number, timeZone: string): string {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(new Date(epochMs))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** `Asia/Shanghai, UTC+08:00`: the zone and its offset at that moment. */
export function zoneLabel(timeZone: string, epochMs: number): string {
  const offsetMinutes = Math.round((localAsUtc(epochMs, timeZone) - epochMs) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offsetMinutes) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offsetMinutes) % 60).padStart(2, '0');
  return `${timeZone}, UTC${sign}${hours}:${minutes}`;
}

/** The wall-clock time in the zone read as if it were UTC (for offsets and day boundaries). */
function localAsUtc(epochMs: number, timeZone: string): number {
  const text = formatLocalTime(epochMs, timeZone);
  return Date.parse(`${text.replace(' ', 'T')}Z`);
}

/** Epoch ms of midnight starting `YYYY-MM-DD` in the zone, or NaN for anything else. */
export function startOfLocalDay(date: string, timeZone: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return Number.NaN;
  const asUtc = Date.parse(`${date}T00:00:00Z`);
  if (!Number.isFinite(asUtc)) return Number.NaN;
  // The offset at that instant is right except across a DST change at midnight, which China does not have.
  return asUtc - (localAsUtc(asUtc, timeZone) - asUtc);
}

/** Minutes since local midnight in the zone, for quiet hours. */
export function localMinuteOfDay(epochMs: number, timeZone: string): number {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(new Date(epochMs))
      .map((part) => [part.type, part.value]),
  );
  return Number(parts.hour) * 60 + Number(parts.minute);
}
