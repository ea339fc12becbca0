const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/**
 * Normalises the evaluation date to `YYYY-MM-DD` so rules compare dates as plain strings.
 * Instants are read in Beijing time (China has one time zone): a term that starts on
 * 1 September starts at Beijing midnight, whatever the server's zone.
 */
export function toDateKey(asOf: Date | string): string {
  if (typeof asOf === 'string' && DATE_ONLY.test(asOf)) return asOf;
  const instant = typeof asOf === 'string' ? new Date(asOf) : asOf;
  if (Number.isNaN(instant.getTime())) throw new RangeError(`invalid asOf date: ${String(asOf)}`);
  return new Date(instant.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

export function isWithin(key: string, from: string | undefined, to: string | undefined): boolean {
  return (from === undefined || key >= from) && (to === undefined || key <= to);
}
