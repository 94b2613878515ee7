/**
 * Dates and date-times, read from what French users type ("05/03/2026", "5/3/2026 14h30") and
 * what programs send ("2026-03-05", "2026-03-05T14:30:00+01:00").
 *
 * Core has no clock and no time-zone database, so values stay calendar data:
 * - a `date` is a calendar day {year, month, day}; the server turns it into a Date at midnight
 *   Europe/Paris when it writes the cell;
 * - a `datetime` is a wall time {…, hour, minute, second, offsetMinutes}: offsetMinutes is the
 *   offset written in the input ("Z", "+02:00"), or null for a wall time in Paris, which the
 *   server resolves with the script's time zone.
 * Date objects are refused: which calendar day a Date is depends on a time zone, so the server
 * converts sheet cells (Utilities.formatDate) before validating them.
 */
import { addDays, daysInMonth } from '../scheduler/local-time';
import { isDateObject, isPlainRecord } from './input';
import { accept, reject, type Normalized } from './result';

export interface CalendarDate {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  /** 1–31 */
  readonly day: number;
}

export interface WallDateTime extends CalendarDate {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** Offset from UTC written in the input, in minutes (+120 for "+02:00"); null: Paris time. */
  readonly offsetMinutes: number | null;
}

/** Years outside this range are typos ("0226", "20026"), not CRM dates. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

const DATE_FORMAT = 'jj/mm/aaaa';
const DATETIME_FORMAT = 'jj/mm/aaaa hh:mm';

export function normalizeDate(raw: unknown): Normalized<CalendarDate> {
  const parsed = parseDateTime(raw, DATE_FORMAT);
  if (!parsed.ok) return parsed;
  const { value } = parsed;
  if (value.offsetMinutes === null) return accept(calendarDate(value));
  return parisDay(value);
}

export function normalizeDateTime(raw: unknown): Normalized<WallDateTime> {
  return parseDateTime(raw, DATETIME_FORMAT);
}

/** `2026-03-05` */
export function formatIsoDate(d: CalendarDate): string {
  return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
}

/** `05/03/2026`, as the CRM shows dates. */
export function formatFrenchDate(d: CalendarDate): string {
  return `${pad(d.day)}/${pad(d.month)}/${pad(d.year, 4)}`;
}

/** `2026-03-05T14:30:00` for a Paris wall time, with its offset (`Z`, `+02:00`) otherwise. */
export function formatIsoDateTime(t: WallDateTime): string {
  const time = `${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`;
  return `${formatIsoDate(t)}T${time}${formatOffset(t.offsetMinutes)}`;
}

const FRENCH_DATE = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:(?:\s+à\s+|\s*,\s*|\s+|T)(.+))?$/i;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:T|\s+)(.+))?$/i;
/** "14:30", "14:30:05", "14:30:05.123", "14h30", "14h", "9 h 05", then an optional offset. */
const TIME =
  /^(\d{1,2})(?::(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?|\s*h\s*(\d{2})?)\s*(z|[+-]\d{2}(?::?\d{2})?)?$/i;

function parseDateTime(raw: unknown, format: string): Normalized<WallDateTime> {
  const invalid = `n'est pas une date valide (${format})`;
  if (isDateObject(raw)) return reject(invalid);
  if (isPlainRecord(raw)) return fromObject(raw, invalid);
  if (typeof raw !== 'string') return reject(invalid);
  const text = raw.trim().replace(/[\u00a0\u202f]/g, ' ');
  const french = FRENCH_DATE.exec(text);
  const iso = french ? null : ISO_DATE.exec(text);
  const parts = french
    ? { year: french[4], month: french[3], day: french[1], time: french[5] }
    : iso
      ? { year: iso[1], month: iso[2], day: iso[3], time: iso[4] }
      : null;
  if (!parts) return reject(invalid);
  const time = parts.time === undefined ? MIDNIGHT : parseTime(parts.time.trim());
  if (!time) return reject(invalid);
  return checked(
    {
      year: Number(parts.year),
      month: Number(parts.month),
      day: Number(parts.day),
      ...time,
    },
    invalid,
  );
}

const MIDNIGHT = { hour: 0, minute: 0, second: 0, offsetMinutes: null };

function parseTime(
  text: string,
): Pick<WallDateTime, 'hour' | 'minute' | 'second' | 'offsetMinutes'> | null {
  const m = TIME.exec(text);
  if (!m) return null;
  const offset = m[5] === undefined ? null : parseOffset(m[5]);
  if (offset === undefined) return null;
  return {
    hour: Number(m[1]),
    minute: Number(m[2] ?? m[4] ?? '0'),
    second: Number(m[3] ?? '0'),
    offsetMinutes: offset,
  };
}

/** Minutes east of UTC; undefined for an offset no place on Earth uses. */
function parseOffset(text: string): number | undefined {
  if (text.toUpperCase() === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(text);
  if (!m) return undefined;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? '0');
  if (hours > 14 || minutes > 59) return undefined;
  const total = hours * 60 + minutes;
  return m[1] === '-' && total !== 0 ? -total : total;
}

/** A value already normalised (or built by code) is accepted again: normalisation is idempotent. */
function fromObject(
  raw: Readonly<Record<string, unknown>>,
  invalid: string,
): Normalized<WallDateTime> {
  const numberAt = (key: string, fallback: number): number | null => {
    const value = raw[key] ?? fallback;
    return typeof value === 'number' && Number.isInteger(value) ? value : null;
  };
  const year = numberAt('year', NaN);
  const month = numberAt('month', NaN);
  const day = numberAt('day', NaN);
  const hour = numberAt('hour', 0);
  const minute = numberAt('minute', 0);
  const second = numberAt('second', 0);
  const offset = raw.offsetMinutes ?? null;
  const offsetMinutes =
    offset === null || (typeof offset === 'number' && Number.isInteger(offset)) ? offset : NaN;
  if (
    year === null ||
    month === null ||
    day === null ||
    hour === null ||
    minute === null ||
    second === null ||
    Number.isNaN(offsetMinutes) ||
    (offsetMinutes !== null && Math.abs(offsetMinutes) > 14 * 60)
  ) {
    return reject(invalid);
  }
  return checked({ year, month, day, hour, minute, second, offsetMinutes }, invalid);
}

function checked(t: WallDateTime, invalid: string): Normalized<WallDateTime> {
  if (t.year < MIN_YEAR || t.year > MAX_YEAR) {
    return reject(`n'est pas une date valide (année entre ${MIN_YEAR} et ${MAX_YEAR})`);
  }
  if (t.month < 1 || t.month > 12 || t.day < 1) return reject(invalid);
  if (t.day > daysInMonth(t.year, t.month)) return reject("n'est pas une date qui existe");
  if (t.hour > 23 || t.minute > 59 || t.second > 59) {
    return reject("n'est pas une heure valide (00:00 à 23:59)");
  }
  // "-00:00" parses as -0, which JSON and equality checks would treat differently from 0.
  return accept({ ...t, offsetMinutes: t.offsetMinutes === 0 ? 0 : t.offsetMinutes });
}

/**
 * The calendar day in Paris of an instant written with an offset, with no time-zone rules:
 * - an offset Paris uses (+01:00 in winter, +02:00 in summer) is taken as Paris time, as the
 *   server and French tools write it: the date written is the day;
 * - any other offset: Paris is UTC+1 or UTC+2, and when both give the same day (all but one
 *   hour of the day) that is the answer. So "2026-02-28T23:00:00.000Z" — midnight in Paris, as
 *   Date.toISOString() sends it — is 1 March, not 28 February. In the one ambiguous hour the
 *   day depends on summer time, which core does not know: refused rather than guessed.
 */
function parisDay(t: WallDateTime): Normalized<CalendarDate> {
  if (t.offsetMinutes === 60 || t.offsetMinutes === 120) return accept(calendarDate(t));
  const minutes = t.hour * 60 + t.minute - (t.offsetMinutes ?? 0);
  const winterShift = Math.floor((minutes + 60) / 1440);
  const summerShift = Math.floor((minutes + 120) / 1440);
  if (winterShift !== summerShift) {
    return reject(
      `est une heure dont le jour à Paris dépend de l'heure d'été : indiquez la date seule (${DATE_FORMAT})`,
    );
  }
  const day = addDays(t, winterShift);
  if (day.year < MIN_YEAR || day.year > MAX_YEAR) {
    return reject(`n'est pas une date valide (année entre ${MIN_YEAR} et ${MAX_YEAR})`);
  }
  return accept({ year: day.year, month: day.month, day: day.day });
}

function calendarDate(t: CalendarDate): CalendarDate {
  return { year: t.year, month: t.month, day: t.day };
}

function formatOffset(offset: number | null): string {
  if (offset === null) return '';
  if (offset === 0) return 'Z';
  const abs = Math.abs(offset);
  return `${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}
