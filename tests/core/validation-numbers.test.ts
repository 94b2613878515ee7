/**
 * Integers, numbers, amounts and percentages typed the French way, the English way, or read
 * from number cells.
 */
import {
  formatMoney,
  normalizeInteger,
  normalizeMoney,
  normalizeNumber,
  normalizePercent,
} from '../../src/core/validation';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

function value<T>(result: { ok: true; value: T } | { ok: false; reason: string }): T | string {
  return result.ok ? result.value : `refusé: ${result.reason}`;
}

describe('normalizeNumber', () => {
  it.each([
    ['1 234,5', 1234.5],
    [`1${NBSP}234,5`, 1234.5],
    [`1${NNBSP}234${NNBSP}567,89`, 1234567.89],
    ['1234.5', 1234.5],
    ['1234,5', 1234.5],
    ['1.234,5', 1234.5],
    ['1,234.5', 1234.5],
    ['1.234.567', 1234567],
    ['1,234,567', 1234567],
    ['1.234', 1.234], // one separator is a decimal separator, whichever it is
    ['1,234', 1.234],
    [',5', 0.5],
    ['-12,5', -12.5],
    ['\u221212,5', -12.5], // typographic minus
    ['+3', 3],
    ['- 3', -3],
    ['007', 7],
    ['-0', 0],
    [42.25, 42.25],
  ])('reads %p as %p', (raw, expected) => {
    expect(value(normalizeNumber(raw))).toBe(expected);
  });

  it.each([
    '12 34',
    '1 2345',
    '1,2,3',
    '1.234,5,6',
    '1 234.567.8',
    '1.',
    '1e5',
    'Infinity',
    'NaN',
    '12 €',
    'douze',
    '--1',
    '1-',
    '0x10',
    '',
    '.',
    ' , ',
  ])('refuses %p', (raw) => {
    expect(normalizeNumber(raw)).toEqual({ ok: false, reason: "n'est pas un nombre" });
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, true, null, {}, ['1']])(
    'refuses the non-number %p',
    (raw) => {
      expect(normalizeNumber(raw).ok).toBe(false);
    },
  );

  it('keeps a number cell exactly, however small or large', () => {
    expect(normalizeNumber(5e-324)).toEqual({ ok: true, value: 5e-324 });
    expect(normalizeNumber(1.5e300)).toEqual({ ok: true, value: 1.5e300 });
  });

  it('never returns -0', () => {
    const result = normalizeNumber(-0);
    expect(result.ok && Object.is(result.value, 0)).toBe(true);
  });
});

describe('normalizeInteger', () => {
  it.each([
    ['12 500', 12500],
    ['1.234.567', 1234567],
    ['12,0', 12],
    [2155, 2155],
    ['-3', -3],
  ])('reads %p as %p', (raw, expected) => {
    expect(value(normalizeInteger(raw))).toBe(expected);
  });

  it('refuses decimals and unsafe integers', () => {
    expect(normalizeInteger('12,5')).toEqual({
      ok: false,
      reason: "n'est pas un nombre entier (pas de décimales)",
    });
    expect(normalizeInteger(2.5).ok).toBe(false);
    expect(normalizeInteger('99999999999999999999').ok).toBe(false);
    expect(normalizeInteger('beaucoup').ok).toBe(false);
  });
});

describe('normalizeMoney', () => {
  it.each([
    ['1 234,56 €', 1234.56],
    [`1${NNBSP}234,56${NBSP}€`, 1234.56],
    ['1234,56€', 1234.56],
    ['1234.5 EUR', 1234.5],
    ['1 234 eur', 1234],
    ['15 000 euros', 15000],
    ['1 234,567', 1234.57], // rounded to the cent
    ['1,005', 1.01], // half away from zero, on the decimal digits, not on a double
    ['0,004', 0],
    ['-0,005', -0.01],
    ['-1 234,56 €', -1234.56],
    ['999,999', 1000],
    [1234.567, 1234.57],
    [1.005, 1.01],
    [0.1 + 0.2, 0.3],
  ])('reads %p as %p', (raw, expected) => {
    expect(value(normalizeMoney(raw))).toBe(expected);
  });

  it.each(['€ 12', '12 $', '12 € HT', 'EUR', '€', '1 2,5 €', 'gratuit'])('refuses %p', (raw) => {
    expect(normalizeMoney(raw).ok).toBe(false);
  });

  it('refuses amounts beyond a thousand billion euros', () => {
    expect(normalizeMoney('1 000 000 000 000 €').ok).toBe(false);
    expect(normalizeMoney('999 999 999 999,99 €')).toEqual({ ok: true, value: 999999999999.99 });
  });
});

describe('formatMoney', () => {
  it.each([
    [1234.56, `1${NNBSP}234,56${NBSP}€`],
    [1234.5, `1${NNBSP}234,50${NBSP}€`],
    [0, `0,00${NBSP}€`],
    [-1234567.891, `-1${NNBSP}234${NNBSP}567,89${NBSP}€`],
    [999.995, `1${NNBSP}000,00${NBSP}€`],
  ])('formats %p as %p', (amount, text) => {
    expect(formatMoney(amount)).toBe(text);
  });

  it('writes what Intl fr-FR writes for euros', () => {
    const intl = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
    for (const amount of [0, 1.5, 1234.56, 98765432.1]) {
      expect(formatMoney(amount)).toBe(intl.format(amount));
    }
  });
});

describe('normalizePercent', () => {
  it.each([
    ['40 %', 0.4],
    ['40%', 0.4],
    [`40${NBSP}%`, 0.4],
    ['0,4', 0.4],
    ['0.4', 0.4],
    ['40', 0.4], // above 1 without "%": hundredths
    [40, 0.4],
    [0.4, 0.4], // a `0%` cell holds the fraction
    ['14,1 %', 0.141], // exact, not 0.14100000000000001
    ['12,5%', 0.125],
    ['1 %', 0.01],
    ['0,5 %', 0.005],
    ['1', 1], // at most 1 without "%": already a fraction, so 100 %
    ['100 %', 1],
    ['100', 1],
    ['0', 0],
    ['0 %', 0],
  ])('reads %p as %p', (raw, expected) => {
    expect(value(normalizePercent(raw))).toBe(expected);
  });

  it.each(['150', '101 %', '-5 %', '-0,1', -0.2, 1.5e3, 'quarante', '%', '40 %%'])(
    'refuses %p',
    (raw) => {
      expect(normalizePercent(raw).ok).toBe(false);
    },
  );

  it('says the range in its reason', () => {
    expect(normalizePercent('150 %')).toEqual({
      ok: false,
      reason: "n'est pas un pourcentage entre 0 et 100 %",
    });
  });
});
