/**
 * Dates and date-times: French and ISO input, impossible dates, wall times and offsets — and the
 * instant a browser sends for a date, whose Paris day is found without a time-zone database.
 */
import { getTab } from '../../src/core/schema/tabs';
import {
  formatFrenchDate,
  formatIsoDate,
  formatIsoDateTime,
  normalizeDate,
  normalizeDateTime,
  validateField,
  type CalendarDate,
  type WallDateTime,
} from '../../src/core/validation';

function day(raw: unknown): string {
  const result = normalizeDate(raw);
  return result.ok ? formatIsoDate(result.value) : `refusé: ${result.reason}`;
}

function wall(raw: unknown): string {
  const result = normalizeDateTime(raw);
  return result.ok ? formatIsoDateTime(result.value) : `refusé: ${result.reason}`;
}

describe('normalizeDate', () => {
  it.each([
    ['05/03/2026', '2026-03-05'],
    ['5/3/2026', '2026-03-05'],
    ['05.03.2026', '2026-03-05'],
    ['05-03-2026', '2026-03-05'],
    [' 31/12/2026 ', '2026-12-31'],
    ['29/02/2028', '2028-02-29'], // leap year
    ['29/02/2000', '2000-02-29'], // divisible by 400
    ['2026-03-05', '2026-03-05'],
    ['2026-03-05T14:30', '2026-03-05'], // a Paris wall time: its date
    ['2026-03-05T14:30:00', '2026-03-05'],
    ['05/03/2026 14:30', '2026-03-05'],
  ])('reads %p as %p', (raw, iso) => {
    expect(day(raw)).toBe(iso);
  });

  it.each(['31/02/2026', '29/02/2026', '29/02/1900', '31/04/2026', '2026-02-30', '00/03/2026'])(
    'refuses the impossible date %p',
    (raw) => {
      expect(normalizeDate(raw).ok).toBe(false);
    },
  );

  it('says why an impossible date is refused', () => {
    expect(normalizeDate('31/02/2026')).toEqual({
      ok: false,
      reason: "n'est pas une date qui existe",
    });
    const echeance = getTab('taches').fields.find((f) => f.key === 'echeance');
    expect(echeance && validateField(echeance, '31/02/2026')).toEqual({
      ok: false,
      message: "Échéance : « 31/02/2026 » n'est pas une date qui existe.",
    });
  });

  it.each([
    '05/03/26', // two-digit year: 1926 or 2026?
    '2026/03/05',
    '05/03-2026', // mixed separators
    '13/13/2026',
    '5 mars 2026',
    'demain',
    '20260305',
    '0226-03-05',
    '05/03/2026 25:00',
    '2026-03-05T14:30+15:00',
  ])('refuses %p', (raw) => {
    expect(normalizeDate(raw).ok).toBe(false);
  });

  it('refuses Date objects: their calendar day depends on a time zone', () => {
    expect(normalizeDate(new Date(Date.UTC(2026, 2, 5))).ok).toBe(false);
    expect(normalizeDate(new Date(Number.NaN)).ok).toBe(false);
  });

  it('accepts its own structured form again', () => {
    expect(day({ year: 2026, month: 3, day: 5 })).toBe('2026-03-05');
    expect(day({ year: 2026, month: 2, day: 30 })).toMatch(/^refusé/);
    expect(day({ year: '2026', month: 3, day: 5 })).toMatch(/^refusé/);
  });

  describe('an instant with an offset, as Date.toISOString() sends it', () => {
    it.each([
      ['2026-02-28T23:00:00.000Z', '2026-03-01'], // midnight in Paris in winter
      ['2026-03-01T00:00:00Z', '2026-03-01'], // a day exported at midnight UTC
      ['2026-03-01T12:00:00Z', '2026-03-01'],
      ['2026-03-01T21:59:00Z', '2026-03-01'],
      // An offset Paris uses is Paris time: the date written is the day.
      ['2026-03-01T23:30:00+01:00', '2026-03-01'],
      ['2026-07-01T00:00:00+02:00', '2026-07-01'],
      ['2026-07-01T00:30:00+02:00', '2026-07-01'],
      ['2026-03-01T01:00:00+05:00', '2026-02-28'], // 20:00 UTC on 28 February
      ['2026-12-31T23:30:00Z', '2027-01-01'],
    ])('finds the Paris day of %p', (raw, iso) => {
      expect(day(raw)).toBe(iso);
    });

    it('refuses the one hour whose Paris day depends on summer time', () => {
      // 22:00 UTC is midnight in Paris in summer, 23:00 the day before in winter.
      expect(normalizeDate('2026-06-30T22:00:00.000Z')).toEqual({
        ok: false,
        reason:
          "est une heure dont le jour à Paris dépend de l'heure d'été : indiquez la date seule (jj/mm/aaaa)",
      });
      expect(normalizeDate('2026-01-15T22:59:00Z').ok).toBe(false);
    });
  });
});

describe('normalizeDateTime', () => {
  it.each([
    ['05/03/2026 14:30', '2026-03-05T14:30:00'],
    ['5/3/2026 9h05', '2026-03-05T09:05:00'],
    ['05/03/2026 à 14h30', '2026-03-05T14:30:00'],
    ['05/03/2026 14h', '2026-03-05T14:00:00'],
    ['05/03/2026 14 h 30', '2026-03-05T14:30:00'],
    ['05/03/2026 14:30:15', '2026-03-05T14:30:15'],
    ['05/03/2026', '2026-03-05T00:00:00'], // a day alone: midnight
    ['2026-03-05T14:30', '2026-03-05T14:30:00'], // <input type="datetime-local">
    ['2026-03-05 14:30:00', '2026-03-05T14:30:00'],
    ['2026-03-05T14:30:00.123', '2026-03-05T14:30:00'],
    ['2026-03-05T13:30:00Z', '2026-03-05T13:30:00Z'],
    ['2026-03-05T13:30:00.000z', '2026-03-05T13:30:00Z'],
    ['2026-03-05T14:30:00+01:00', '2026-03-05T14:30:00+01:00'],
    ['2026-03-05T14:30:00+0100', '2026-03-05T14:30:00+01:00'],
    ['2026-03-05T09:30:00-05:00', '2026-03-05T09:30:00-05:00'],
    ['2026-03-05T14:30:00-00:00', '2026-03-05T14:30:00Z'],
    ['2026-03-05T14:30:00+05:30', '2026-03-05T14:30:00+05:30'],
  ])('reads %p as %p', (raw, iso) => {
    expect(wall(raw)).toBe(iso);
  });

  it('keeps a wall time without offset as Paris time, with no time-zone arithmetic', () => {
    expect(normalizeDateTime('29/03/2026 02:30')).toEqual({
      ok: true,
      // This wall time does not exist in Paris (summer time starts); the server decides.
      value: { year: 2026, month: 3, day: 29, hour: 2, minute: 30, second: 0, offsetMinutes: null },
    });
  });

  it.each([
    '05/03/2026 24:00',
    '05/03/2026 14:60',
    '05/03/2026 14',
    '05/03/2026 9h5',
    '31/02/2026 10:00',
    '2026-03-05T14:30:00+25:00',
    '2026-03-05T14:30:00 Europe/Paris',
    '14:30',
  ])('refuses %p', (raw) => {
    expect(normalizeDateTime(raw).ok).toBe(false);
  });

  it('accepts its own structured form again', () => {
    const value: WallDateTime = {
      year: 2026,
      month: 3,
      day: 5,
      hour: 14,
      minute: 30,
      second: 0,
      offsetMinutes: 60,
    };
    expect(normalizeDateTime(value)).toEqual({ ok: true, value });
    expect(normalizeDateTime({ ...value, hour: 24 }).ok).toBe(false);
    expect(normalizeDateTime({ ...value, offsetMinutes: 'Z' }).ok).toBe(false);
  });
});

describe('formatting', () => {
  it('writes days in ISO and French form', () => {
    const d: CalendarDate = { year: 2026, month: 3, day: 5 };
    expect(formatIsoDate(d)).toBe('2026-03-05');
    expect(formatFrenchDate(d)).toBe('05/03/2026');
  });

  it('reads back what it writes', () => {
    for (const text of [
      '2026-03-05T14:30:00',
      '2026-03-05T14:30:00Z',
      '2026-03-05T14:30:00-09:30',
    ]) {
      expect(wall(text)).toBe(text);
    }
    expect(day(formatFrenchDate({ year: 2026, month: 12, day: 31 }))).toBe('2026-12-31');
  });
});
