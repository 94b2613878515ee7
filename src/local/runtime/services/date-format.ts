/**
 * Java `SimpleDateFormat`, which `Utilities.formatDate` and `Utilities.parseDate` implement on
 * Apps Script (reference: developers.google.com/apps-script/reference/utilities/utilities
 * #formatDate, which links the Java SimpleDateFormat specification). Names of months and days
 * are English whatever the user's language: Apps Script formats with the server's default locale,
 * so a French label must come from the CRM's own code, never from `MMM`/`EEE`.
 *
 * Pattern rules followed: letters a–z/A–Z are fields, an unknown letter throws
 * `Illegal pattern character 'T'`; text between single quotes is literal and `''` is a quote;
 * every other character is copied.
 */
import {
  resolveZone,
  zoneName,
  zonedFields,
  zonedToEpoch,
  type ZonedFields,
} from './support/time-zone';

const FIELD_LETTERS = 'GyMdkHmsSEDFwWahKzZYuXL';

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
export const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

type Token = { kind: 'field'; letter: string; count: number } | { kind: 'text'; text: string };

/** Thrown for a bad pattern; the service turns it into an Apps Script exception. */
export class PatternError extends Error {}

const compiled = new Map<string, Token[]>();

export function tokenizePattern(pattern: string): Token[] {
  const cached = compiled.get(pattern);
  if (cached !== undefined) return cached;
  const tokens: Token[] = [];
  const pushText = (text: string): void => {
    const last = tokens[tokens.length - 1];
    if (last !== undefined && last.kind === 'text') last.text += text;
    else tokens.push({ kind: 'text', text });
  };
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern.charAt(i);
    if (ch === "'") {
      if (pattern.charAt(i + 1) === "'") {
        pushText("'");
        i += 2;
        continue;
      }
      let text = '';
      let j = i + 1;
      for (;;) {
        if (j >= pattern.length) throw new PatternError('Unterminated quote');
        if (pattern.charAt(j) === "'") {
          if (pattern.charAt(j + 1) === "'") {
            text += "'";
            j += 2;
            continue;
          }
          break;
        }
        text += pattern.charAt(j);
        j++;
      }
      pushText(text);
      i = j + 1;
    } else if (/[a-zA-Z]/.test(ch)) {
      if (!FIELD_LETTERS.includes(ch)) throw new PatternError(`Illegal pattern character '${ch}'`);
      let count = 1;
      while (pattern.charAt(i + count) === ch) count++;
      if (ch === 'X' && count > 3)
        throw new PatternError('invalid ISO 8601 format: length=' + count);
      tokens.push({ kind: 'field', letter: ch, count });
      i += count;
    } else {
      pushText(ch);
      i++;
    }
  }
  compiled.set(pattern, tokens);
  return tokens;
}

function pad(value: number, width: number): string {
  const sign = value < 0 ? '-' : '';
  return sign + String(Math.abs(value)).padStart(width, '0');
}

/** Days since 1970-01-01 of a civil date (proleptic Gregorian). */
function civilDay(year: number, month: number, day: number): number {
  const d = new Date(Date.UTC(2000, month - 1, day));
  d.setUTCFullYear(year);
  return Math.floor(d.getTime() / 86_400_000);
}

/** Weekday with Sunday = 0, as Java's US week rules count. */
function sundayBased(isoWeekday: number): number {
  return isoWeekday % 7;
}

/** Week of year and week-year with Java's en_US rules: weeks start on Sunday, week 1 holds Jan 1. */
function usWeek(f: ZonedFields): { week: number; weekYear: number } {
  const today = civilDay(f.year, f.month, f.day);
  const weekStart = today - sundayBased(f.isoWeekday);
  if (weekStart + 6 >= civilDay(f.year + 1, 1, 1)) return { week: 1, weekYear: f.year + 1 };
  const jan1 = civilDay(f.year, 1, 1);
  const jan1Dow = (((jan1 + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday (Sunday = 0).
  return { week: Math.floor((today - jan1 + jan1Dow) / 7) + 1, weekYear: f.year };
}

function offsetText(offsetMinutes: number, style: 'Z' | 'X1' | 'X2' | 'X3'): string {
  if (style !== 'Z' && offsetMinutes === 0) return 'Z';
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = pad(Math.floor(abs / 60), 2);
  const mm = pad(abs % 60, 2);
  if (style === 'X1') return `${sign}${hh}`;
  if (style === 'X3') return `${sign}${hh}:${mm}`;
  return `${sign}${hh}${mm}`;
}

export function formatJavaDate(epochMs: number, timeZone: string, pattern: string): string {
  const tokens = tokenizePattern(pattern);
  const zone = resolveZone(timeZone);
  const f = zonedFields(epochMs, zone);
  let out = '';
  for (const t of tokens) {
    if (t.kind === 'text') {
      out += t.text;
      continue;
    }
    const n = t.count;
    switch (t.letter) {
      case 'G':
        out += f.year > 0 ? 'AD' : 'BC';
        break;
      case 'y':
      case 'Y': {
        const raw = t.letter === 'y' ? f.year : usWeek(f).weekYear;
        const year = raw > 0 ? raw : 1 - raw;
        out += n === 2 ? pad(year % 100, 2) : pad(year, n);
        break;
      }
      case 'M':
      case 'L': {
        const name = MONTHS[f.month - 1] ?? '';
        out += n >= 4 ? name : n === 3 ? name.slice(0, 3) : pad(f.month, n);
        break;
      }
      case 'd':
        out += pad(f.day, n);
        break;
      case 'D':
        out += pad(civilDay(f.year, f.month, f.day) - civilDay(f.year, 1, 1) + 1, n);
        break;
      case 'F':
        out += pad(Math.floor((f.day - 1) / 7) + 1, n);
        break;
      case 'w':
        out += pad(usWeek(f).week, n);
        break;
      case 'W': {
        const firstDow = (((civilDay(f.year, f.month, 1) + 4) % 7) + 7) % 7;
        out += pad(Math.floor((f.day - 1 + firstDow) / 7) + 1, n);
        break;
      }
      case 'E': {
        const name = DAYS[f.isoWeekday - 1] ?? '';
        out += n >= 4 ? name : name.slice(0, 3);
        break;
      }
      case 'u':
        out += pad(f.isoWeekday, n);
        break;
      case 'a':
        out += f.hour < 12 ? 'AM' : 'PM';
        break;
      case 'H':
        out += pad(f.hour, n);
        break;
      case 'k':
        out += pad(f.hour === 0 ? 24 : f.hour, n);
        break;
      case 'K':
        out += pad(f.hour % 12, n);
        break;
      case 'h':
        out += pad(f.hour % 12 === 0 ? 12 : f.hour % 12, n);
        break;
      case 'm':
        out += pad(f.minute, n);
        break;
      case 's':
        out += pad(f.second, n);
        break;
      case 'S':
        out += pad(f.millisecond, n);
        break;
      case 'z':
        out += zoneName(epochMs, zone, n >= 4 ? 'long' : 'short');
        break;
      case 'Z':
        out += offsetText(f.offsetMinutes, 'Z');
        break;
      case 'X':
        out += offsetText(f.offsetMinutes, n === 1 ? 'X1' : n === 2 ? 'X2' : 'X3');
        break;
    }
  }
  return out;
}

/** Thrown when the text does not match; the service turns it into an Apps Script exception. */
export class UnparseableDateError extends Error {}

/**
 * The subset of `SimpleDateFormat.parse` the CRM needs: numeric fields, month and day names,
 * AM/PM, zone offsets and literals. Like Java, trailing text after the pattern is ignored and
 * adjacent numeric fields (`yyyyMMdd`) take exactly their width.
 */
export function parseJavaDate(
  text: string,
  timeZone: string,
  pattern: string,
  nowMs: number,
): number {
  const tokens = tokenizePattern(pattern);
  const fail = (): never => {
    throw new UnparseableDateError(`Unparseable date: "${text}"`);
  };
  let year = 1970;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let ms = 0;
  let pm: boolean | undefined;
  let hour12 = false;
  let offset: number | undefined;
  let twoDigitYear = false;
  let pos = 0;
  const readNumber = (width: number | undefined): number => {
    const m = (width === undefined ? /^[+-]?\d+/ : new RegExp(`^\\d{1,${width}}`)).exec(
      text.slice(pos),
    );
    if (m === null) return fail();
    pos += m[0].length;
    return Number(m[0]);
  };
  const readName = (names: string[]): number => {
    const rest = text.slice(pos).toLowerCase();
    for (const [full, index] of names.map((name, i) => [name, i] as const)) {
      for (const candidate of [full, full.slice(0, 3)]) {
        if (rest.startsWith(candidate.toLowerCase())) {
          pos += candidate.length;
          return index;
        }
      }
    }
    return fail();
  };
  tokens.forEach((t, index) => {
    if (t.kind === 'text') {
      for (const ch of t.text) {
        if (ch === ' ') {
          while (text.charAt(pos) === ' ') pos++;
        } else if (text.charAt(pos) === ch) pos++;
        else fail();
      }
      return;
    }
    const next = tokens[index + 1];
    const nextIsNumber =
      next?.kind === 'field' &&
      !'EaGzZX'.includes(next.letter) &&
      !('ML'.includes(next.letter) && next.count >= 3);
    const width = nextIsNumber ? t.count : undefined;
    switch (t.letter) {
      case 'y':
      case 'Y': {
        const start = pos;
        year = readNumber(width);
        twoDigitYear = t.count <= 2 && pos - start === 2;
        break;
      }
      case 'M':
      case 'L':
        month = t.count >= 3 ? readName(MONTHS) + 1 : readNumber(width);
        break;
      case 'd':
        day = readNumber(width);
        break;
      case 'E':
        readName(DAYS);
        break;
      case 'H':
      case 'k':
        hour = readNumber(width) % 24;
        break;
      case 'h':
      case 'K':
        hour = readNumber(width) % 12;
        hour12 = true;
        break;
      case 'a': {
        const marker = text.slice(pos, pos + 2).toUpperCase();
        if (marker !== 'AM' && marker !== 'PM') fail();
        pm = marker === 'PM';
        pos += 2;
        break;
      }
      case 'm':
        minute = readNumber(width);
        break;
      case 's':
        second = readNumber(width);
        break;
      case 'S':
        ms = readNumber(width);
        break;
      case 'z':
      case 'Z':
      case 'X': {
        const m = /^(?:Z|(?:GMT|UTC)?([+-])(\d{2}):?(\d{2})?)/.exec(text.slice(pos));
        if (m === null) return fail();
        pos += m[0].length;
        offset =
          m[0] === 'Z' ? 0 : (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
        break;
      }
      default:
        readNumber(width);
    }
  });
  if (hour12 && pm === true) hour += 12;
  if (twoDigitYear) {
    // Java puts a two-digit year within 80 years before and 20 years after now.
    const nowYear = new Date(nowMs).getUTCFullYear();
    let candidate = Math.floor((nowYear - 80) / 100) * 100 + year;
    if (candidate < nowYear - 80) candidate += 100;
    year = candidate;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31) fail();
  if (offset !== undefined) {
    const d = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, ms));
    d.setUTCFullYear(year);
    return d.getTime() - offset * 60_000;
  }
  return zonedToEpoch(resolveZone(timeZone), year, month, day, hour, minute, second, ms);
}
