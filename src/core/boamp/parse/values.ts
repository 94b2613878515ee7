/**
 * Leaf values as BOAMP writes them, read into plain data: amounts (`38820`, `1 234,56`,
 * `{"@currencyID":"EUR","#text":"50000.00"}`), dates and times (ISO strings with or without an
 * offset, epoch milliseconds in the retired v230 API), SIRET/SIREN and CPV codes. Anything that
 * does not read cleanly is null: a wrong amount in a tender is worse than none.
 */
import { attribute, first, isObject, text } from './json-tree';

/** A number as written in a notice; null unless the whole text is one number. */
export function readNumber(value: unknown): number | null {
  const raw = text(value);
  if (raw === null) return null;
  let s = raw.replace(/[\s\u00a0\u202f]/g, '').replace(/(€|EUR|euros?|HT|TTC)$/i, '');
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) s = s.replace(/\./g, '').replace(',', '.');
  else if (/^\d+,\d+$/.test(s)) s = s.replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** The currency an amount element declares (`@currencyID` in eForms, `@DEVISE` in v230). */
export function readCurrency(value: unknown): string | null {
  const code =
    attribute(value, 'currencyID') ??
    attribute(value, 'DEVISE') ??
    attribute(value, 'devise') ??
    (isObject(first(value)) ? text((first(value) as Record<string, unknown>).devise) : null);
  return code === null ? null : code.toUpperCase();
}

const DAY_ONLY = /^(\d{4}-\d{2}-\d{2})(?:Z|[+-]\d{2}:?\d{2})?$/;
const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A date-time as ISO 8601 with the Paris offset (`2024-07-25T12:00:00+02:00`), or a day alone
 * (`yyyy-MM-dd`) when only a day is given. A time without an offset is Paris wall-clock time,
 * as in every BOAMP `donnees` and `gestion` seen; epoch milliseconds are instants.
 */
export function readDateTime(value: unknown): string | null {
  const v = first(value);
  if (typeof v === 'number' && Number.isFinite(v)) return parisIso(v);
  const raw = text(v);
  if (raw === null) return null;
  const day = DAY_ONLY.exec(raw);
  if (day) return validDay(day[1] as string);
  const m = DATE_TIME.exec(raw);
  if (!m || validDay(m[1] as string) === null) return null;
  const [y, mo, d] = (m[1] as string).split('-').map(Number) as [number, number, number];
  const h = Number(m[2]);
  const mi = Number(m[3]);
  const s = Number(m[4] ?? '0');
  if (h > 23 || mi > 59 || s > 59) return null;
  const zone = m[5];
  if (zone === undefined) return wallClockIso(y, mo, d, h, mi, s);
  const offsetMin = zone === 'Z' ? 0 : zoneMinutes(zone);
  return parisIso(Date.UTC(y, mo - 1, d, h, mi, s) - offsetMin * 60_000);
}

/**
 * A day and a time given apart, as eForms does (`cbc:EndDate` `2024-09-02+02:00`, `cbc:EndTime`
 * `12:00:00+02:00`); the time's offset wins, else the day's, else Paris.
 */
export function readDayAndTime(dayValue: unknown, timeValue: unknown): string | null {
  const day = text(dayValue);
  if (day === null) return null;
  const d = DAY_ONLY.exec(day);
  if (!d) return null;
  const time = text(timeValue);
  if (time === null) return validDay(d[1] as string);
  const t = /^(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(time);
  if (!t) return validDay(d[1] as string);
  const dayZone = /(Z|[+-]\d{2}:?\d{2})$/.exec(day)?.[1];
  const zone = t[4] ?? dayZone;
  return readDateTime(`${d[1]}T${t[1]}:${t[2]}:${t[3] ?? '00'}${zone ?? ''}`);
}

/**
 * The top-level `datelimitereponse`: Paris wall-clock time labelled `+00:00` (boamp.md §1.6:
 * `2024-07-25T12:00:00+00:00` where `gestion` and `donnees` say `2024-07-25T12:00:00`), so its
 * label is dropped before reading.
 */
export function parseBoampDeadline(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  return readDateTime(raw.trim().replace(/(?:Z|[+-]00:?00)$/, ''));
}

/** SIRET (14 digits) and the SIREN it starts with, or a SIREN alone; null when neither. */
export function readCompanyIds(value: unknown): { siret: string | null; siren: string | null } {
  const raw = text(value);
  const digits = raw === null ? '' : raw.replace(/[\s.\u00a0-]/g, '');
  if (/^\d{14}$/.test(digits)) return { siret: digits, siren: digits.slice(0, 9) };
  if (/^\d{9}$/.test(digits)) return { siret: null, siren: digits };
  return { siret: null, siren: null };
}

/** An 8-digit CPV code (the check digit dropped), or null. */
export function readCpv(value: unknown): string | null {
  const raw = text(value);
  const m = raw === null ? null : /^(\d{8})(?:-\d)?$/.exec(raw.replace(/\s/g, ''));
  return m ? (m[1] as string) : null;
}

/** An `http(s)` URL, trimmed; other text is not a link the CRM can open. */
export function readUrl(value: unknown): string | null {
  const raw = text(value);
  if (raw === null) return null;
  if (/^https?:\/\/\S+$/i.test(raw)) return raw;
  if (/^www\.\S+$/i.test(raw)) return `https://${raw}`;
  return null;
}

/** An idweb (`24-76932`) out of a field that may hold more text. */
export function readIdwebs(value: unknown): string[] {
  const found: string[] = [];
  const values = Array.isArray(value) ? value : [value];
  for (const v of values) {
    const raw = text(v);
    if (raw === null) continue;
    for (const m of raw.matchAll(/(?<![\d-])(\d{2}-\d{1,7})(?![\d-])/g)) {
      if (!found.includes(m[1] as string)) found.push(m[1] as string);
    }
  }
  return found;
}

// --- Paris time -------------------------------------------------------------------------------

/**
 * Europe/Paris offset at an instant: the EU rule in force since 1996 (summer time from the last
 * Sunday of March to the last Sunday of October, 01:00 UTC both ways). Core reads no time zone
 * database, and every BOAMP date falls under this rule.
 */
export function parisOffsetMinutes(utcMs: number): number {
  const year = new Date(utcMs).getUTCFullYear();
  const start = Date.UTC(year, 2, lastSunday(year, 2), 1);
  const end = Date.UTC(year, 9, lastSunday(year, 9), 1);
  return utcMs >= start && utcMs < end ? 120 : 60;
}

function lastSunday(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0));
  return last.getUTCDate() - last.getUTCDay();
}

function parisIso(utcMs: number): string {
  const offset = parisOffsetMinutes(utcMs);
  const local = new Date(utcMs + offset * 60_000).toISOString().slice(0, 19);
  return `${local}${formatOffset(offset)}`;
}

/** A Paris wall-clock time with its offset; in the autumn's repeated hour, summer time. */
function wallClockIso(y: number, mo: number, d: number, h: number, mi: number, s: number): string {
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  const summer = asUtc - 120 * 60_000;
  const offset = parisOffsetMinutes(summer) === 120 ? 120 : 60;
  const local = new Date(asUtc).toISOString().slice(0, 19);
  return `${local}${formatOffset(offset)}`;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function zoneMinutes(zone: string): number {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

function validDay(day: string): string | null {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
    ? day
    : null;
}
