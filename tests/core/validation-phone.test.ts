/**
 * Phone numbers: French numbers as people write them, overseas departments dialled from France,
 * foreign numbers, and the display forms.
 */
import { formatPhone, normalizePhone } from '../../src/core/validation';

function stored(raw: unknown): string | undefined {
  const result = normalizePhone(raw);
  return result.ok ? result.value : undefined;
}

describe('normalizePhone', () => {
  it.each([
    ['06 12 34 56 78', '+33612345678'],
    ['0612345678', '+33612345678'],
    ['06.12.34.56.78', '+33612345678'],
    ['06-12-34-56-78', '+33612345678'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['+33 (0)6 12 34 56 78', '+33612345678'],
    ['+33 0 6 12 34 56 78', '+33612345678'],
    ['0033 6 12 34 56 78', '+33612345678'],
    ['07 81 23 45 67', '+33781234567'],
    ['\u00a006\u00a012\u00a034\u00a056\u00a078 ', '+33612345678'],
    ['tel:+33612345678', '+33612345678'],
  ])('stores the French mobile %p as %p', (raw, e164) => {
    expect(stored(raw)).toBe(e164);
  });

  it.each([
    ['02 23 62 10 10', '+33223621010'], // a Breton landline (02)
    ['01 42 76 40 40', '+33142764040'], // Paris (01)
    ['04 72 10 30 30', '+33472103030'], // Lyon (04)
    ['09 70 80 90 00', '+33970809000'], // a box/VoIP number (09)
    ['0 800 00 12 34', '+33800001234'], // free number
  ])('stores the French landline or service number %p', (raw, e164) => {
    expect(stored(raw)).toBe(e164);
  });

  it.each([
    ['0692 12 34 56', '+262692123456'], // Réunion mobile, dialled from France
    ['0262 40 12 34', '+262262401234'], // Réunion landline
    ['0690 12 34 56', '+590690123456'], // Guadeloupe mobile
    ['0596 61 23 45', '+596596612345'], // Martinique landline
    ['0694 12 34 56', '+594694123456'], // Guyane mobile
  ])('resolves the overseas number %p to its own country code', (raw, e164) => {
    expect(stored(raw)).toBe(e164);
  });

  it.each([
    ['+32 470 12 34 56', '+32470123456'], // Belgian mobile
    ['+32 2 555 12 12', '+3225551212'], // Brussels landline
    ['0032 470 12 34 56', '+32470123456'],
    ['+41 22 555 12 12', '+41225551212'], // Geneva
    ['+44 20 7946 0958', '+442079460958'],
    ['+1 202 555 0143', '+12025550143'],
  ])('stores the foreign number %p in E.164', (raw, e164) => {
    expect(stored(raw)).toBe(e164);
  });

  it('puts back what a number cell lost: the leading 0, or the +', () => {
    expect(stored(612345678)).toBe('+33612345678');
    expect(stored(33612345678)).toBe('+33612345678');
    expect(stored(32470123456)).toBe('+32470123456');
  });

  it.each([
    '06 12 34 56', // too short
    '06 12 34 56 78 9', // too long
    '00 00 00 00 00',
    '3975', // a short service number cannot be dialled from abroad
    '+33 1 23',
    '+999 123 456 789', // no such country code
    '+49 123456', // length right, range unused in Germany
    '06 12 34 56 78 poste 12', // extensions are not stored
    'Jean Dupont',
    '06 12 34 56 78 / 01 42 76 40 40', // two numbers in one cell
    '=HYPERLINK("tel:0612345678")',
    '',
  ])('refuses %p', (raw) => {
    expect(normalizePhone(raw)).toEqual({
      ok: false,
      reason: "n'est pas un numéro de téléphone valide",
    });
  });

  it.each([null, undefined, true, {}, [], Number.NaN, -612345678, 6.5])(
    'refuses the non-phone value %p',
    (raw) => {
      expect(normalizePhone(raw).ok).toBe(false);
    },
  );

  it('refuses an unallocated overseas number rather than reading it as metropolitan', () => {
    // 0596 is Martinique's prefix; libphonenumber alone would store +33 5 96 12 34 56.
    expect(stored('0596 12 34 56')).toBeUndefined();
  });

  it('reads an overseas number written with +33 as the overseas number it dials', () => {
    // +33 6 92… does not exist; the writer meant 0692…, which is +262 692… from abroad.
    expect(stored('+33 6 92 12 34 56')).toBe('+262692123456');
    expect(stored('+33 (0)5 96 61 23 45')).toBe('+596596612345');
    expect(stored('+33 2 63 00 00 00')).toBe('+262263000000');
    expect(stored('+33 5 96 12 34 56')).toBeUndefined(); // unallocated in Martinique
  });
});

describe('formatPhone', () => {
  it.each([
    ['+33612345678', '06 12 34 56 78'],
    ['+33142764040', '01 42 76 40 40'],
    ['+262692123456', '0692 12 34 56'],
    ['+590690123456', '0690 12 34 56'],
    ['+32470123456', '+32 470 12 34 56'],
    ['+442079460958', '+44 20 7946 0958'],
  ])('shows %p as %p', (e164, display) => {
    expect(formatPhone(e164)).toBe(display);
  });

  it('leaves a value that is not a valid number as it is', () => {
    expect(formatPhone('06 12')).toBe('06 12');
    expect(formatPhone('')).toBe('');
  });

  it('reads its own display form back to the same number', () => {
    for (const e164 of ['+33612345678', '+262692123456', '+32470123456', '+12025550143']) {
      expect(stored(formatPhone(e164))).toBe(e164);
    }
  });
});
