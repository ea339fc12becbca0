/** Schools and parents read times in China time (a TIME_ZONE setting can replace this when one exists). */
const TIME_ZONE = 'Asia/Shanghai';

/** "2026-12-01 20:09" in China time. */
export function formatLocalTime(epochMs: number): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(epochMs))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

export function formatLocalDate(epochMs: number): string {
  return formatLocalTime(epochMs).slice(0, 10);
}
