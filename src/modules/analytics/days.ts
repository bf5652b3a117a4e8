/** Calendar-day helpers for analytics (local days of an IANA time zone, as YYYY-MM-DD strings). */

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Whether `tz` is a time zone this runtime (and so the pipelines' $dateToString) understands. */
export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The local calendar day of `date` in `timezone`, e.g. "2026-03-08". */
export function localDay(date: Date, timezone: string): string {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timezone, f);
  }
  return f.format(date);
}

/**
 * The `n` calendar days ending with `lastDay` (inclusive), oldest first. Calendar arithmetic on the
 * date itself, so DST days of 23 or 25 hours never skip or repeat a day.
 */
export function dayRange(lastDay: string, n: number): string[] {
  const [y, m, d] = lastDay.split('-').map(Number) as [number, number, number];
  return Array.from({ length: n }, (_, i) =>
    new Date(Date.UTC(y, m - 1, d - (n - 1 - i))).toISOString().slice(0, 10),
  );
}
