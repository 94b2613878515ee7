/**
 * Sheets number formats (support.google.com/docs/answer/56470 "Number formats" and the Sheets
 * API "Date & number formats" guide): how a cell's value is displayed (getDisplayValues) and
 * which type getValues returns. The spreadsheet locale is fr_FR: decimal comma, and the grouping
 * separator CLDR gives French, U+202F (narrow no-break space) — [inference: what Intl's fr-FR
 * produces; Sheets' exact character to be verified] — so `#,##0.00 [$€-40C]` shows `1 234,56 €`
 * (the space before € is the format's own literal space).
 *
 * In Sheets a date is a number with a date format, so the format decides the type getValues
 * returns: a number in a date-formatted cell reads as a Date and a Date in a number-formatted
 * cell reads as its serial number (days since 30/12/1899, wall clock of the spreadsheet zone).
 *
 * Cells without a format (Sheets' "Automatic") display numbers as JavaScript prints them, Dates
 * as `dd/MM/yyyy HH:mm:ss` in the spreadsheet time zone and booleans as TRUE / FALSE.
 */
import { resolveZone, zonedFields, zonedToEpoch } from '../services/support/time-zone';
import { isDate } from '../services/support/realm';
import type { CellValue } from './workbook-data';

/** What `Range.getNumberFormat()` returns for a cell that has no format (Sheets' "Automatic"). */
export const AUTOMATIC_FORMAT = '0.###############';
export const DEFAULT_DATE_TIME_FORMAT = 'dd/MM/yyyy HH:mm:ss';
export const DECIMAL_SEPARATOR = ',';
export const GROUP_SEPARATOR = '\u202f';

const DAY_MS = 86_400_000;
/** Serial day 0 of Sheets (and of Excel's 1900 system after 1 March 1900). */
const SERIAL_EPOCH_UTC = Date.UTC(1899, 11, 30);

export type FormatKind = 'automatic' | 'text' | 'date' | 'number';

type DateToken =
  | { kind: 'literal'; text: string }
  | { kind: 'field'; letter: 'y' | 'M' | 'd' | 'h' | 'm' | 's' | 'ampm' | 'ms'; count: number };

interface NumberSection {
  prefix: string;
  suffix: string;
  minInteger: number;
  grouping: boolean;
  minDecimals: number;
  maxDecimals: number;
  hasDecimalPoint: boolean;
  percent: boolean;
}

interface CompiledFormat {
  kind: FormatKind;
  dateTokens?: DateToken[];
  twelveHour?: boolean;
  sections?: NumberSection[];
}

const cache = new Map<string, CompiledFormat>();

export function formatKind(pattern: string | undefined): FormatKind {
  return compile(pattern).kind;
}

/** The value getValues returns for a stored value under a format (see the header). */
export function valueUnderFormat(
  value: CellValue,
  pattern: string | undefined,
  timeZone: string,
): CellValue {
  if (pattern === undefined) return value;
  const kind = compile(pattern).kind;
  if (kind === 'date' && typeof value === 'number') return fromSerial(value, timeZone);
  if (kind === 'number' && isDate(value)) return toSerial(value, timeZone);
  return value;
}

/** The text Sheets shows for a value under a format (getDisplayValues). */
export function displayValue(
  value: CellValue | undefined,
  pattern: string | undefined,
  timeZone: string,
): string {
  if (value === undefined || value === '') return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  const format = compile(pattern);
  if (format.kind === 'date') {
    const epoch =
      typeof value === 'number' ? fromSerial(value, timeZone).getTime() : value.getTime();
    return renderDate(epoch, format, timeZone);
  }
  if (format.kind === 'number') {
    const number = typeof value === 'number' ? value : toSerial(value, timeZone);
    return renderNumber(number, format.sections ?? []);
  }
  if (typeof value === 'number') return String(value);
  return renderDate(value.getTime(), compile(DEFAULT_DATE_TIME_FORMAT), timeZone);
}

export function toSerial(date: Date, timeZone: string): number {
  return (wallClock(date.getTime(), timeZone).getTime() - SERIAL_EPOCH_UTC) / DAY_MS;
}

/** Offsets change only at quarter-hour instants, so one lookup per quarter hour is exact. */
const QUARTER_HOUR_MS = 900_000;
const MAX_CACHED_OFFSETS = 200_000;
const offsets = new Map<string, Map<number, number>>();

/**
 * The zone's wall clock at an instant, as a Date whose UTC fields read it. Formatting a column of
 * 50,000 dates asks Intl for one offset per quarter hour instead of once per cell.
 */
export function wallClock(epochMs: number, timeZone: string): Date {
  const zone = resolveZone(timeZone);
  let offsetMinutes: number;
  if (zone.kind === 'fixed') {
    offsetMinutes = zone.offsetMinutes;
  } else {
    let byBucket = offsets.get(zone.id);
    if (byBucket === undefined || byBucket.size > MAX_CACHED_OFFSETS) {
      byBucket = new Map();
      offsets.set(zone.id, byBucket);
    }
    const bucket = Math.floor(epochMs / QUARTER_HOUR_MS);
    let cached = byBucket.get(bucket);
    if (cached === undefined) {
      cached = zonedFields(bucket * QUARTER_HOUR_MS, zone).offsetMinutes;
      byBucket.set(bucket, cached);
    }
    offsetMinutes = cached;
  }
  return new Date(epochMs + offsetMinutes * 60_000);
}

export function fromSerial(serial: number, timeZone: string): Date {
  const wall = new Date(Math.round(SERIAL_EPOCH_UTC + serial * DAY_MS));
  return new Date(
    zonedToEpoch(
      resolveZone(timeZone),
      wall.getUTCFullYear(),
      wall.getUTCMonth() + 1,
      wall.getUTCDate(),
      wall.getUTCHours(),
      wall.getUTCMinutes(),
      wall.getUTCSeconds(),
      wall.getUTCMilliseconds(),
    ),
  );
}

function compile(pattern: string | undefined): CompiledFormat {
  const key = pattern ?? '';
  let compiled = cache.get(key);
  if (compiled === undefined) {
    compiled = compileUncached(key);
    cache.set(key, compiled);
  }
  return compiled;
}

function compileUncached(pattern: string): CompiledFormat {
  const trimmed = pattern.trim();
  if (trimmed === '' || trimmed === AUTOMATIC_FORMAT || /^general$/i.test(trimmed))
    return { kind: 'automatic' };
  if (trimmed === '@') return { kind: 'text' };
  const firstSection = splitSections(pattern)[0] ?? '';
  if (isDatePattern(firstSection)) {
    const tokens = tokenizeDate(firstSection);
    return {
      kind: 'date',
      dateTokens: tokens,
      twelveHour: tokens.some((t) => t.kind === 'field' && t.letter === 'ampm'),
    };
  }
  const sections = splitSections(pattern).map(parseNumberSection);
  if (sections.some((s) => s === undefined)) return { kind: 'automatic' };
  return { kind: 'number', sections: sections as NumberSection[] };
}

/** Splits on `;` outside quotes, brackets and escapes. */
function splitSections(pattern: string): string[] {
  const sections: string[] = [];
  let current = '';
  let quoted = false;
  let bracket = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern.charAt(i);
    if (ch === '\\' && !quoted) {
      current += ch + pattern.charAt(i + 1);
      i++;
      continue;
    }
    if (ch === '"' && !bracket) quoted = !quoted;
    else if (ch === '[' && !quoted) bracket = true;
    else if (ch === ']' && !quoted) bracket = false;
    if (ch === ';' && !quoted && !bracket) {
      sections.push(current);
      current = '';
    } else current += ch;
  }
  sections.push(current);
  return sections;
}

/** Without its quoted text, escapes and brackets, does the pattern use date letters? */
function isDatePattern(section: string): boolean {
  const bare = section
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*]/g, '');
  return /[dmyhsDMYHS]/.test(bare.replace(/AM\/PM|A\/P/gi, 'h'));
}

function tokenizeDate(section: string): DateToken[] {
  const tokens: DateToken[] = [];
  const literal = (text: string): void => {
    const last = tokens[tokens.length - 1];
    if (last?.kind === 'literal') last.text += text;
    else tokens.push({ kind: 'literal', text });
  };
  let i = 0;
  while (i < section.length) {
    const rest = section.slice(i);
    const ch = section.charAt(i);
    const ampm = /^(AM\/PM|A\/P)/i.exec(rest);
    if (ampm !== null) {
      tokens.push({ kind: 'field', letter: 'ampm', count: ampm[1]?.length ?? 5 });
      i += ampm[1]?.length ?? 5;
    } else if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      literal(section.slice(i + 1, end < 0 ? section.length : end));
      i = end < 0 ? section.length : end + 1;
    } else if (ch === '\\') {
      literal(section.charAt(i + 1));
      i += 2;
    } else if (ch === '[') {
      const end = section.indexOf(']', i);
      const inside = section.slice(i + 1, end < 0 ? section.length : end);
      // Elapsed time ([h]:mm) is shown as the time of day: close enough for the CRM's formats.
      if (/^(h+|m+|s+)$/i.test(inside)) {
        const lower = inside.charAt(0).toLowerCase();
        tokens.push({
          kind: 'field',
          letter: lower === 'h' ? 'h' : lower === 's' ? 's' : 'm',
          count: inside.length,
        });
      }
      i = end < 0 ? section.length : end + 1;
    } else if (/[dmyhsDMYHS]/.test(ch)) {
      let j = i;
      while (j < section.length && section.charAt(j).toLowerCase() === ch.toLowerCase()) j++;
      const lower = ch.toLowerCase();
      const letter =
        lower === 'y' ? 'y' : lower === 'd' ? 'd' : lower === 'h' ? 'h' : lower === 's' ? 's' : 'm';
      tokens.push({ kind: 'field', letter, count: j - i });
      i = j;
    } else if (ch === '.' && /^\.0+/.test(rest) && previousField(tokens)?.letter === 's') {
      const zeros = /^\.(0+)/.exec(rest)?.[1]?.length ?? 0;
      tokens.push({ kind: 'literal', text: DECIMAL_SEPARATOR });
      tokens.push({ kind: 'field', letter: 'ms', count: zeros });
      i += zeros + 1;
    } else {
      literal(ch);
      i++;
    }
  }
  // `m` means minutes right after an hour or right before seconds, months otherwise.
  const fields = tokens.filter(
    (t): t is Extract<DateToken, { kind: 'field' }> => t.kind === 'field',
  );
  fields.forEach((field, index) => {
    if (field.letter !== 'm' || field.count > 2) {
      if (field.letter === 'm') field.letter = 'M';
      return;
    }
    const before = fields[index - 1];
    const after = fields[index + 1];
    field.letter = before?.letter === 'h' || after?.letter === 's' ? 'm' : 'M';
  });
  return tokens;
}

function previousField(tokens: DateToken[]): Extract<DateToken, { kind: 'field' }> | undefined {
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i];
    if (token?.kind === 'field') return token;
  }
  return undefined;
}

const monthNames = (style: 'long' | 'short'): string[] =>
  Array.from({ length: 12 }, (_, m) =>
    new Intl.DateTimeFormat('fr-FR', { month: style, timeZone: 'UTC' }).format(
      Date.UTC(2024, m, 15),
    ),
  );
const dayNames = (style: 'long' | 'short'): string[] =>
  // 2024-01-01 was a Monday: index 0 = Monday, like ZonedFields.isoWeekday - 1.
  Array.from({ length: 7 }, (_, d) =>
    new Intl.DateTimeFormat('fr-FR', { weekday: style, timeZone: 'UTC' }).format(
      Date.UTC(2024, 0, 1 + d),
    ),
  );
const MONTHS_LONG = monthNames('long');
const MONTHS_SHORT = monthNames('short');
const DAYS_LONG = dayNames('long');
const DAYS_SHORT = dayNames('short');

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function renderDate(epochMs: number, format: CompiledFormat, timeZone: string): string {
  const wall = wallClock(epochMs, timeZone);
  const f = {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    millisecond: wall.getUTCMilliseconds(),
    isoWeekday: ((wall.getUTCDay() + 6) % 7) + 1,
  };
  let out = '';
  for (const token of format.dateTokens ?? []) {
    if (token.kind === 'literal') {
      out += token.text;
      continue;
    }
    const n = token.count;
    switch (token.letter) {
      case 'y':
        out += n <= 2 ? pad(f.year % 100, 2) : String(f.year);
        break;
      case 'M':
        out +=
          n === 1
            ? String(f.month)
            : n === 2
              ? pad(f.month, 2)
              : n === 3
                ? (MONTHS_SHORT[f.month - 1] ?? '')
                : n === 5
                  ? (MONTHS_LONG[f.month - 1] ?? '').charAt(0)
                  : (MONTHS_LONG[f.month - 1] ?? '');
        break;
      case 'd':
        out +=
          n === 1
            ? String(f.day)
            : n === 2
              ? pad(f.day, 2)
              : n === 3
                ? (DAYS_SHORT[f.isoWeekday - 1] ?? '')
                : (DAYS_LONG[f.isoWeekday - 1] ?? '');
        break;
      case 'h': {
        const hour = format.twelveHour ? ((f.hour + 11) % 12) + 1 : f.hour;
        out += n >= 2 ? pad(hour, 2) : String(hour);
        break;
      }
      case 'm':
        out += n >= 2 ? pad(f.minute, 2) : String(f.minute);
        break;
      case 's':
        out += n >= 2 ? pad(f.second, 2) : String(f.second);
        break;
      case 'ms':
        out += pad(f.millisecond, 3).slice(0, n).padEnd(n, '0');
        break;
      case 'ampm': {
        const am = f.hour < 12;
        out += n === 3 ? (am ? 'A' : 'P') : am ? 'AM' : 'PM';
        break;
      }
    }
  }
  return out;
}

/** One section of a number pattern; undefined when it uses what is not emulated (exponents, fractions). */
function parseNumberSection(section: string): NumberSection | undefined {
  let prefix = '';
  let suffix = '';
  let digits = '';
  let percent = false;
  let i = 0;
  const emit = (text: string): void => {
    if (digits === '') prefix += text;
    else suffix += text;
  };
  while (i < section.length) {
    const ch = section.charAt(i);
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      emit(section.slice(i + 1, end < 0 ? section.length : end));
      i = end < 0 ? section.length : end + 1;
    } else if (ch === '\\') {
      emit(section.charAt(i + 1));
      i += 2;
    } else if (ch === '[') {
      const end = section.indexOf(']', i);
      const inside = section.slice(i + 1, end < 0 ? section.length : end);
      // [$€-40C] is a currency symbol with a locale; [Red], [>100] are colours and conditions.
      if (inside.startsWith('$')) emit(inside.slice(1).split('-')[0] ?? '');
      i = end < 0 ? section.length : end + 1;
    } else if (ch === '_') {
      emit(' ');
      i += 2;
    } else if (ch === '*') {
      i += 2;
    } else if (ch === '%') {
      percent = true;
      emit('%');
      i++;
    } else if ('0#?,.'.includes(ch) && (suffix === '' || !/[0#?]/.test(ch))) {
      if (suffix !== '' && (ch === ',' || ch === '.')) {
        emit(ch);
      } else digits += ch;
      i++;
    } else if (/[0#?]/.test(ch)) {
      return undefined;
    } else if (ch === 'E' || ch === 'e' || ch === '/') {
      return undefined;
    } else {
      emit(ch);
      i++;
    }
  }
  const point = digits.indexOf('.');
  const integerPart = point < 0 ? digits : digits.slice(0, point);
  const decimalPart = point < 0 ? '' : digits.slice(point + 1);
  const minInteger = (integerPart.match(/0/g) ?? []).length;
  return {
    prefix,
    suffix,
    minInteger,
    grouping: /[0#?],+[0#?]/.test(integerPart),
    minDecimals: (decimalPart.match(/0/g) ?? []).length,
    maxDecimals: (decimalPart.match(/[0#?]/g) ?? []).length,
    hasDecimalPoint: point >= 0,
    percent,
  };
}

function renderNumber(value: number, sections: NumberSection[]): string {
  let section = sections[0];
  let abs = value;
  let sign = '';
  if (value < 0) {
    if (sections.length >= 2) section = sections[1];
    else sign = '-';
    abs = -value;
  } else if (value === 0 && sections.length >= 3) {
    section = sections[2];
  }
  if (section === undefined) return String(value);
  const scaled = section.percent ? abs * 100 : abs;
  const places = Math.min(section.maxDecimals, 20);
  const rounded = roundHalfUp(scaled, places);
  const [intText = '0', fracText = ''] = rounded.toFixed(places).split('.');
  let integer =
    intText === '0' && section.minInteger === 0 ? '' : intText.padStart(section.minInteger, '0');
  if (section.grouping) integer = integer.replace(/\B(?=(\d{3})+(?!\d))/g, GROUP_SEPARATOR);
  let fraction = fracText;
  while (fraction.length > section.minDecimals && fraction.endsWith('0'))
    fraction = fraction.slice(0, -1);
  const decimals = section.hasDecimalPoint ? DECIMAL_SEPARATOR + fraction : '';
  const body = integer + decimals;
  // A value that rounds to zero shows no minus sign.
  const shownSign = sign !== '' && /[1-9]/.test(body) ? sign : '';
  return shownSign + section.prefix + body + section.suffix;
}

/** Decimal rounding (1.005 → 1.01), not the binary rounding of toFixed. */
function roundHalfUp(value: number, decimals: number): number {
  if (!Number.isFinite(value) || Math.abs(value) >= 1e15) return value;
  const shifted = Number(`${value}e${decimals}`);
  // Tiny values print in exponent form ("1e-7"), which the shift above cannot extend.
  if (Number.isNaN(shifted)) return Math.round(value * 10 ** decimals) / 10 ** decimals;
  return Number(`${Math.round(shifted)}e-${decimals}`);
}
