/**
 * Integers, decimal numbers, amounts in euros and percentages, typed the French way or read from
 * a number cell. Amounts are rounded to the cent; percentages are stored as a fraction 0–1,
 * which is what a Sheets cell formatted `0%` holds.
 */
import {
  decimalFromNumber,
  decimalToNumber,
  isZero,
  parseDecimal,
  percentOf,
  roundDecimal,
  type Decimal,
} from './decimal';
import { accept, reject, type Normalized } from './result';

/** Far above any amount of the CRM, and low enough that every cent is exact in a double. */
export const MAX_MONEY = 1e12;

const NO_BREAK_SPACE = '\u00a0';
const NARROW_NO_BREAK_SPACE = '\u202f';

export function normalizeInteger(raw: unknown): Normalized<number> {
  if (typeof raw === 'number') {
    return Number.isSafeInteger(raw)
      ? accept(raw === 0 ? 0 : raw) // 0 for -0, which fails equality checks and round trips
      : reject("n'est pas un nombre entier");
  }
  const d = decimalInput(raw);
  if (!d) return reject("n'est pas un nombre entier");
  if (d.fraction !== '') return reject("n'est pas un nombre entier (pas de décimales)");
  const value = decimalToNumber(d);
  return Number.isSafeInteger(value) ? accept(value) : reject("n'est pas un nombre entier");
}

export function normalizeNumber(raw: unknown): Normalized<number> {
  // A number cell's value is kept exactly, however small: only typed text is parsed.
  if (typeof raw === 'number') {
    return Number.isFinite(raw) ? accept(raw === 0 ? 0 : raw) : reject("n'est pas un nombre");
  }
  const d = decimalInput(raw);
  const value = d ? decimalToNumber(d) : NaN;
  return Number.isFinite(value) ? accept(value) : reject("n'est pas un nombre");
}

/** "1 234,56 €", "1234.5 EUR", "12 euros", 1234.567 → rounded to the cent. */
export function normalizeMoney(raw: unknown): Normalized<number> {
  const text = typeof raw === 'string' ? raw.trim().replace(/\s*(?:€|eur|euros?)$/i, '') : raw;
  const d = decimalInput(text);
  const value = d ? decimalToNumber(roundDecimal(d, 2)) : NaN;
  if (!Number.isFinite(value)) return reject("n'est pas un montant valide");
  if (Math.abs(value) >= MAX_MONEY) return reject("n'est pas un montant valide (trop grand)");
  return accept(value);
}

/**
 * A percentage as a fraction 0–1. "40 %", "40%" and 40 are 40 %: a value given with "%", or
 * above 1, counts in hundredths. "0,4", "0.4" and 0.4 are 40 % too: a value of at most 1
 * without "%" is already a fraction (what a `0%` cell holds). So "1" is 100 %, and 1 % must be
 * typed "1 %" or "0,01". Below 0 % or above 100 % is refused.
 */
export function normalizePercent(raw: unknown): Normalized<number> {
  let input = raw;
  let hundredths = false;
  if (typeof raw === 'string') {
    const match = /^(.*?)\s*%$/.exec(raw.trim());
    if (match) {
      hundredths = true;
      input = match[1] ?? '';
    }
  }
  const d = decimalInput(input);
  if (!d) return reject("n'est pas un pourcentage");
  const fraction = hundredths || isAboveOne(d) ? percentOf(d) : d;
  if ((d.negative && !isZero(d)) || isAboveOne(fraction)) {
    return reject("n'est pas un pourcentage entre 0 et 100 %");
  }
  return accept(decimalToNumber(fraction));
}

/**
 * "1 234,56 €" — narrow no-break spaces between thousands and a no-break space before "€", as
 * French typography and Intl fr-FR write it; normalizeMoney reads it back to the same number.
 */
export function formatMoney(value: number): string {
  const d = decimalFromNumber(value);
  if (!d) return String(value);
  const rounded = roundDecimal(d, 2);
  const integer = rounded.integer.replace(/\B(?=(\d{3})+(?!\d))/g, NARROW_NO_BREAK_SPACE);
  const cents = rounded.fraction.padEnd(2, '0');
  return `${rounded.negative ? '-' : ''}${integer},${cents}${NO_BREAK_SPACE}€`;
}

function decimalInput(raw: unknown): Decimal | null {
  if (typeof raw === 'number') return decimalFromNumber(raw);
  if (typeof raw === 'string') return parseDecimal(raw);
  return null;
}

function isAboveOne(d: Decimal): boolean {
  return d.integer !== '0' && !(d.integer === '1' && d.fraction === '');
}
