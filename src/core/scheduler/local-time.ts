/**
 * Wall-clock time in the CRM's time zone (Europe/Paris), as plain numbers. The server derives it
 * from the real clock with Utilities.formatDate; core never reads a clock or a time zone itself.
 */
export interface LocalDateTime {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  /** 1–31 */
  readonly day: number;
  /** 0–23 */
  readonly hour: number;
  readonly minute: number;
  /** ISO day of week: 1 = Monday … 7 = Sunday */
  readonly weekday: number;
}

/** `2026-11-28` for the calendar day of a local time. */
export function dayKey(t: Pick<LocalDateTime, 'year' | 'month' | 'day'>): string {
  return `${t.year}-${pad(t.month)}-${pad(t.day)}`;
}

/** The calendar day `n` days after (or before, if negative) the given one. */
export function addDays(
  t: Pick<LocalDateTime, 'year' | 'month' | 'day'>,
  n: number,
): { year: number; month: number; day: number; weekday: number } {
  // Calendar arithmetic only: UTC has no daylight saving, so day steps are exact.
  const d = new Date(Date.UTC(t.year, t.month - 1, t.day + n));
  const weekday = ((d.getUTCDay() + 6) % 7) + 1;
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
