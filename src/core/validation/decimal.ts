/**
 * Numbers as people type them in France and elsewhere — "1 234,5", "1234.5", "1.234.567",
 * "1,234.56", with ordinary, no-break (U+00A0) or narrow no-break (U+202F) spaces between
 * thousands — read into an exact decimal (digit strings), so that rounding to cents or turning
 * "14,1 %" into 0.141 involves no binary floating-point error.
 *
 * The separator rules, chosen to never guess silently between two readings:
 * - one "," or one "." is the decimal separator ("1,5" and "1.5" are 1.5; "1.234" is 1.234);
 * - a separator that appears several times groups thousands ("1.234.567", "1,234,567");
 * - when both appear, the last one is the decimal separator ("1.234,56", "1,234.56");
 * - spaces only group thousands; grouped digits come in threes ("12 34" is refused).
 * Exponents ("1e5"), "Infinity" and "NaN" are refused: nobody types them in a CRM.
 */

export interface Decimal {
  readonly negative: boolean;
  /** Integer digits without leading zeros ("0" for none). */
  readonly integer: string;
  /** Fraction digits without trailing zeros ("" for none). */
  readonly fraction: string;
}

const SPACES = /[\s\u00a0\u202f\u2009]+/g;

export function parseDecimal(input: string): Decimal | null {
  let text = input.trim().replace(SPACES, ' ');
  let negative = false;
  // U+2212 is the typographic minus sign, which word processors and Intl produce.
  const sign = /^([+\-\u2212])\s?/.exec(text);
  if (sign) {
    negative = sign[1] !== '+';
    text = text.slice(sign[0].length);
  }
  if (!/^[\d., ]+$/.test(text) || !/\d/.test(text)) return null;
  const split = splitDecimalSeparator(text);
  if (!split) return null;
  const integer = ungroup(split.integer, split.group);
  if (integer === null || !/^\d*$/.test(split.fraction)) return null;
  if (split.hasSeparator && split.fraction === '') return null;
  return makeDecimal(negative, integer, split.fraction);
}

/** A finite number as an exact decimal of its shortest representation; null if too large. */
export function decimalFromNumber(value: number): Decimal | null {
  if (!Number.isFinite(value)) return null;
  let text = String(Math.abs(value));
  if (/e/i.test(text)) {
    // Below 1e-6 JavaScript writes an exponent; such a value is far below any cent or 0.01 %.
    if (Math.abs(value) >= 1) return null;
    text = Math.abs(value).toFixed(20);
  }
  const [integer = '0', fraction = ''] = text.split('.');
  return makeDecimal(value < 0, integer, fraction);
}

export function decimalToNumber(d: Decimal): number {
  const value = Number(`${d.integer}.${d.fraction || '0'}`);
  // Never -0: it would print as "0" yet compare unequal in Object.is and fail round trips.
  return d.negative && value !== 0 ? -value : value;
}

/** Rounded to `places` fraction digits, half away from zero (the usual rule for amounts). */
export function roundDecimal(d: Decimal, places: number): Decimal {
  if (d.fraction.length <= places) return d;
  const kept = d.integer + d.fraction.slice(0, places);
  const roundUp = d.fraction.charCodeAt(places) - 48 >= 5;
  const digits = roundUp ? incrementDigits(kept) : kept;
  const integer = digits.slice(0, digits.length - places);
  return makeDecimal(d.negative, integer, digits.slice(digits.length - places));
}

/** Divided by 100, exactly: "40" → 0.40, "14.1" → 0.141. */
export function percentOf(d: Decimal): Decimal {
  const integer = d.integer.padStart(3, '0');
  const cut = integer.length - 2;
  return makeDecimal(d.negative, integer.slice(0, cut), integer.slice(cut) + d.fraction);
}

export function isZero(d: Decimal): boolean {
  return d.integer === '0' && d.fraction === '';
}

function makeDecimal(negative: boolean, integer: string, fraction: string): Decimal {
  const int = integer.replace(/^0+/, '') || '0';
  const frac = fraction.replace(/0+$/, '');
  return { negative: negative && !(int === '0' && frac === ''), integer: int, fraction: frac };
}

interface Split {
  readonly integer: string;
  readonly fraction: string;
  /** The thousands separator allowed in the integer part. */
  readonly group: string;
  readonly hasSeparator: boolean;
}

function splitDecimalSeparator(text: string): Split | null {
  const commas = count(text, ',');
  const dots = count(text, '.');
  let decimal: string | null = null;
  let group = ' ';
  if (commas > 0 && dots > 0) {
    decimal = text.lastIndexOf(',') > text.lastIndexOf('.') ? ',' : '.';
    group = decimal === ',' ? '.' : ',';
    if (count(text, decimal) > 1) return null;
  } else if (commas + dots === 1) {
    decimal = commas === 1 ? ',' : '.';
  } else if (commas + dots > 1) {
    group = commas > 0 ? ',' : '.';
  }
  // Spaces group thousands only when no punctuation does: "1 234.567.8" is not a number.
  if (group !== ' ' && text.includes(' ')) return null;
  if (decimal === null) return { integer: text, fraction: '', group, hasSeparator: false };
  const at = text.indexOf(decimal);
  return {
    integer: text.slice(0, at),
    fraction: text.slice(at + 1),
    group,
    hasSeparator: true,
  };
}

/** "1 234 567" → "1234567"; null unless every group after the first has three digits. */
function ungroup(text: string, group: string): string | null {
  if (!text.includes(group)) return /^\d*$/.test(text) ? text : null;
  const parts = text.split(group);
  const [first = '', ...rest] = parts;
  if (!/^\d{1,3}$/.test(first) || !rest.every((part) => /^\d{3}$/.test(part))) return null;
  return parts.join('');
}

function incrementDigits(digits: string): string {
  const out = digits.split('');
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] === '9') {
      out[i] = '0';
    } else {
      out[i] = String.fromCharCode((out[i] ?? '0').charCodeAt(0) + 1);
      return out.join('');
    }
  }
  return `1${out.join('')}`;
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}
