const formatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(ms: number, timeZone: string): Record<string, string> {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return Object.fromEntries(formatter.formatToParts(ms).map((part) => [part.type, part.value]));
}

/** `2026-09-01 16:05` in the deployment's time zone (TIME_ZONE), the way staff read times. */
export function formatLocalTime(ms: number, timeZone: string): string {
  const p = partsIn(ms, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** Minutes since local midnight, for quiet hours. */
export function localMinuteOfDay(ms: number, timeZone: string): number {
  const p = partsIn(ms, timeZone);
  return Number(p.hour) * 60 + Number(p.minute);
}
