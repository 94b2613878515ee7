/**
 * Every display format of the sidebar, in one place: dates `dd/MM/yyyy` and amounts `1 234,56 €`
 * in Europe/Paris with Intl (DESIGN.md §1), plus the conversions between the ISO strings that cross
 * google.script.run and the values of date inputs. Calendar days (`yyyy-MM-dd`) are never put
 * through a Date: a day has no time zone, and converting it would shift it across midnight.
 */
import type { FieldType } from '../core/schema/types';

const PARIS = 'Europe/Paris';
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

const partsFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: PARIS,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const amountFormat = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const numberFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
const percentFormat = new Intl.NumberFormat('fr-FR', {
  style: 'percent',
  maximumFractionDigits: 1,
});
const eurosFormat = new Intl.NumberFormat('fr-FR', {
  style: 'currency',
  currency: 'EUR',
  maximumFractionDigits: 0,
});
const ratioFormat = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 });
const daysFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

interface WallClock {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
}

/** The wall clock in Paris at an instant, as zero-padded strings. */
function parisWallClock(date: Date): WallClock {
  const parts = partsFormat.formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '00';
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
  };
}

function toInstant(value: string): Date | null {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** `yyyy-MM-dd` of the instant in Paris: the calendar day the team lives in. */
export function parisDay(date: Date): string {
  const w = parisWallClock(date);
  return `${w.year}-${w.month}-${w.day}`;
}

/** The value of an `<input type="datetime-local">` showing the instant in Paris time. */
export function toDateTimeInput(iso: string): string {
  const date = toInstant(iso);
  if (!date) return '';
  const w = parisWallClock(date);
  return `${w.year}-${w.month}-${w.day}T${w.hour}:${w.minute}`;
}

/**
 * The ISO instant of a Paris wall-clock time typed in a datetime-local input, or null. The offset
 * is looked up twice so that a time just after a daylight-saving change gets the right one.
 */
export function fromDateTimeInput(local: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!m) return null;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  const offsetAt = (ms: number) => {
    const w = parisWallClock(new Date(ms));
    const wall = Date.UTC(
      Number(w.year),
      Number(w.month) - 1,
      Number(w.day),
      Number(w.hour),
      Number(w.minute),
    );
    return wall - Math.floor(ms / 60_000) * 60_000;
  };
  const first = asUtc - offsetAt(asUtc);
  return new Date(asUtc - offsetAt(first)).toISOString();
}

/** `yyyy-MM-dd` plus a number of days (calendar arithmetic, no time zone involved). */
export function addDays(day: string, days: number): string {
  const m = DAY.exec(day);
  if (!m) return day;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days));
  return date.toISOString().slice(0, 10);
}

/** `28/11/2026` from a calendar day or an ISO instant (in Paris); a dash when empty. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const m = DAY.exec(value);
  if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  const date = toInstant(value);
  if (!date) return value;
  const w = parisWallClock(date);
  return `${w.day}/${w.month}/${w.year}`;
}

/** `28/11/2026 14:05` in Paris time; a calendar day is shown without a time. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  if (DAY.test(value)) return formatDate(value);
  const date = toInstant(value);
  if (!date) return value;
  const w = parisWallClock(date);
  return `${w.day}/${w.month}/${w.year} ${w.hour}:${w.minute}`;
}

function asNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value.replace(/\s/g, '').replace(',', '.'));
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** `1 234,56 €` (French spacing: narrow no-break spaces, as Intl writes them). */
export function formatAmount(value: unknown): string {
  const n = asNumber(value);
  return n === null ? '—' : amountFormat.format(n);
}

export function formatCount(n: number): string {
  return new Intl.NumberFormat('fr-FR').format(n);
}

/** A stored fraction (0.4) as `40 %`, the way the sheet's `0%` format shows it. */
export function formatPercent(value: unknown): string {
  const n = asNumber(value);
  return n === null ? '—' : percentFormat.format(n);
}

/** Whole euros for figures (`12 500 €`): the cents of a pipeline total are noise. */
export function formatEuros(value: number): string {
  return eurosFormat.format(Math.round(value));
}

/** A rate (0.45) as `45 %`; a dash when there is none (nothing to divide). */
export function formatRate(value: number | null): string {
  return value === null || !Number.isFinite(value) ? '—' : ratioFormat.format(value);
}

/** A number of days as `12,5 j` (no-break space); a dash when there is none. */
export function formatDays(value: number | null): string {
  return value === null || !Number.isFinite(value) ? '—' : `${daysFormat.format(value)}\u00a0j`;
}

/** Any record value for display, by the schema type of its column. */
export function formatValue(type: FieldType, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  switch (type) {
    case 'date':
      return formatDate(String(value));
    case 'datetime':
      return formatDateTime(String(value));
    case 'money':
      return formatAmount(value);
    case 'percent':
      return formatPercent(value);
    case 'integer':
    case 'number': {
      const n = asNumber(value);
      return n === null ? String(value) : numberFormat.format(n);
    }
    case 'boolean':
      return value === true || value === 'TRUE' || value === 'true' ? 'Oui' : 'Non';
    default:
      return String(value);
  }
}
