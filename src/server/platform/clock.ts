/**
 * The real clock, and its reading in the CRM's time zone for core's scheduler. Core never reads
 * a clock; the server passes it in.
 */
import type { LocalDateTime } from '../../core/scheduler/local-time';

export const CRM_TIME_ZONE = 'Europe/Paris';

export function now(): Date {
  return new Date();
}

export function toLocalDateTime(date: Date, timeZone: string = CRM_TIME_ZONE): LocalDateTime {
  // 'u' is the ISO day number (1 = Monday) in Java's SimpleDateFormat.
  const parts = Utilities.formatDate(date, timeZone, 'yyyy-MM-dd-HH-mm-u').split('-').map(Number);
  const [year = 0, month = 1, day = 1, hour = 0, minute = 0, weekday = 1] = parts;
  return { year, month, day, hour, minute, weekday };
}
