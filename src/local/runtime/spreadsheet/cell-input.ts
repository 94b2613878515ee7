/**
 * What Sheets stores when a script writes a value (setValues, setValue, appendRow): a string is
 * read the way the spreadsheet would read it typed into the cell, in its locale (fr_FR) and time
 * zone. This is what makes "+33612345678" a number and "=HYPERLINK(...)" a formula unless the
 * column is plain text (`@`) or the string starts with an apostrophe — the behaviour the CRM's
 * sheet-safe writing exists for (DESIGN.md §7, platform/local-runtimes.md §3).
 *
 * Formulas are stored, never evaluated: the cell reads `#NAME?`, which makes an unintended
 * formula (an injection, or text that should have been written as text) visible in tests and on
 * the local page instead of silently producing a plausible value.
 */
import { resolveZone, zonedToEpoch } from '../services/support/time-zone';
import { isDate } from '../services/support/realm';
import type { CellInput, CellValue } from './workbook-data';

export const FORMULA_VALUE = '#NAME?';
export const PLAIN_TEXT_FORMAT = '@';

/** JavaScript's own number syntax in decimal form, with an optional sign: 123, -4.5, +33612345678, 1e3. */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** ISO day with an optional time: 2026-01-31, 2026-01-31 14:05, 2026-01-31T14:05:09. */
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
/** The fr_FR way of typing a day, which Sheets in that locale reads as a date: 31/01/2026 [14:05[:09]]. */
const FRENCH_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * The formula a script value makes, if any: a string starting with `=` (and more) in a cell that
 * is not plain text. Its cell value is then FORMULA_VALUE.
 */
export function formulaOf(input: CellInput, numberFormat: string | undefined): string | undefined {
  return typeof input === 'string' &&
    input.length > 1 &&
    input.charCodeAt(0) === 0x3d /* = */ &&
    numberFormat !== PLAIN_TEXT_FORMAT
    ? input
    : undefined;
}

/**
 * What a cell stores for a script value, given the cell's number format (undefined: empty).
 * Hot path of setValues: no allocation beyond the value itself.
 */
export function parseCellInput(
  input: CellInput,
  numberFormat: string | undefined,
  timeZone: string,
): CellValue | undefined {
  if (input === null) return undefined;
  if (typeof input === 'string') return parseText(input, numberFormat, timeZone);
  if (typeof input === 'number') {
    // Sheets has no NaN or Infinity cell: such a value is written as its text.
    return Number.isFinite(input) ? input : String(input);
  }
  if (typeof input === 'boolean') return input;
  const time = input.getTime();
  return Number.isNaN(time) ? undefined : new Date(time);
}

function parseText(
  text: string,
  numberFormat: string | undefined,
  timeZone: string,
): CellValue | undefined {
  if (text === '') return undefined;
  if (numberFormat === PLAIN_TEXT_FORMAT) return text;
  const first = text.charCodeAt(0);
  if (first === 0x27 /* ' */) return text.length === 1 ? undefined : text.slice(1);
  if (first === 0x3d /* = */ && text.length > 1) return FORMULA_VALUE;
  if ((text.length === 4 || text.length === 5) && /^(?:true|false)$/i.test(text)) {
    return text.length === 4;
  }
  // Fast path: most text starts with a character that can begin neither a number nor a date.
  const maybeNumeric =
    (first >= 0x30 && first <= 0x39) || first === 0x2b || first === 0x2d || first === 0x2e;
  if (!maybeNumeric) return text;
  if (NUMBER.test(text)) return Number(text);
  return parseDate(text, timeZone) ?? text;
}

/** A typed day (and time) as the instant of that wall-clock time in the spreadsheet's zone. */
export function parseDate(text: string, timeZone: string): Date | undefined {
  let year: number;
  let month: number;
  let day: number;
  let time: Array<string | undefined>;
  const iso = ISO_DATE.exec(text);
  if (iso !== null) {
    year = Number(iso[1]);
    month = Number(iso[2]);
    day = Number(iso[3]);
    time = [iso[4], iso[5], iso[6]];
  } else {
    const french = FRENCH_DATE.exec(text);
    if (french === null) return undefined;
    day = Number(french[1]);
    month = Number(french[2]);
    year = Number(french[3]);
    time = [french[4], french[5], french[6]];
  }
  const hour = Number(time[0] ?? 0);
  const minute = Number(time[1] ?? 0);
  const second = Number(time[2] ?? 0);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return new Date(zonedToEpoch(resolveZone(timeZone), year, month, day, hour, minute, second));
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A value from the script's realm as a plain host value: Dates are copied (the script may
 * mutate its own afterwards), null/undefined mean empty, anything else becomes its text.
 */
export function normalizeInput(value: unknown): CellInput {
  if (value === null || value === undefined) return null;
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return value as CellInput;
  if (isDate(value)) return new Date(value.getTime());
  return String(value);
}
