/**
 * Properties of validation (DESIGN.md §9): normalisation is idempotent — normalising a stored
 * value gives it back unchanged — for every type whose stored form is typed text; amounts
 * round-trip through their French display; and no validator throws, whatever it is given.
 */
import fc from 'fast-check';
import { formatRecordId } from '../../src/core/schema/record-id';
import { TABS } from '../../src/core/schema/tabs';
import type { FieldDef, FieldType } from '../../src/core/schema/types';
import {
  formatMoney,
  formatPhone,
  isLuhnValid,
  normalizeBoolean,
  normalizeDate,
  normalizeDateTime,
  normalizeEmail,
  normalizeEnum,
  normalizeInteger,
  normalizeMoney,
  normalizeNumber,
  normalizePercent,
  normalizePhone,
  normalizeRecordRef,
  normalizeSiren,
  normalizeSiret,
  normalizeText,
  normalizeUrl,
  validateField,
  validateRecord,
  type Normalized,
} from '../../src/core/validation';

/** Accepted values normalise to themselves; returns whether `raw` was accepted. */
function isIdempotentOn<T>(normalize: (raw: unknown) => Normalized<T>, raw: unknown): boolean {
  const first = normalize(raw);
  if (!first.ok) return false;
  const second = normalize(first.value);
  expect(second).toEqual(first);
  return true;
}

/** Checks idempotence on every generated value and that enough of them were accepted. */
function assertIdempotent<T>(
  arbitrary: fc.Arbitrary<unknown>,
  normalize: (raw: unknown) => Normalized<T>,
  minAcceptedShare: number,
): void {
  let accepted = 0;
  let runs = 0;
  fc.assert(
    fc.property(arbitrary, (raw) => {
      runs++;
      if (isIdempotentOn(normalize, raw)) accepted++;
    }),
    { numRuns: 300 },
  );
  // Guards against a generator whose values are all refused, which would prove nothing.
  expect(accepted / runs).toBeGreaterThanOrEqual(minAcceptedShare);
}

const digits = (min: number, max: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

/** Upper-cases some characters, as people type with Caps Lock or autocorrect. */
const mixedCase = (text: string): fc.Arbitrary<string> =>
  fc
    .array(fc.boolean(), { minLength: text.length, maxLength: text.length })
    .map((flags) =>
      Array.from(text, (c, i) => (flags[i] ? c.toUpperCase() : c.toLowerCase())).join(''),
    );

const padded = (text: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc
    .tuple(fc.constantFrom('', ' ', '  ', '\u00a0'), text, fc.constantFrom('', ' ', '\t'))
    .map(([before, t, after]) => `${before}${t}${after}`);

describe('normalisation is idempotent', () => {
  it('for email addresses', () => {
    const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/);
    const built = fc
      .tuple(
        fc.stringMatching(/^[a-z0-9_+-]{1,12}(?:\.[a-z0-9_+-]{1,8})?$/),
        fc.array(label, { minLength: 1, maxLength: 3 }),
        fc.constantFrom('fr', 'com', 'org', 'eu', 'paris', 'bzh'),
      )
      .map(([local, labels, tld]) => `${local}@${labels.join('.')}.${tld}`)
      .chain(mixedCase);
    assertIdempotent(padded(built), normalizeEmail, 1);
    // fast-check's RFC 5322 addresses: some use forms the CRM refuses, none may break idempotence.
    assertIdempotent(fc.emailAddress(), normalizeEmail, 0.3);
  });

  it('for phone numbers, French, overseas and foreign', () => {
    const separator = fc.constantFrom('', ' ', '.', '-', '\u00a0');
    const french = fc
      .tuple(
        fc.constantFrom('01', '02', '03', '04', '05', '06', '07', '09', '0692', '0690'),
        digits(8, 8),
        separator,
        fc.constantFrom('', '+33 ', '0033 ', '+33 (0)'),
      )
      .map(([prefix, rest, sep, international]) => {
        const national = (prefix + rest).slice(0, 10);
        const pairs = national.match(/../g) ?? [];
        const written = pairs.join(sep);
        return international === '' ? written : `${international}${written.slice(1)}`;
      });
    const belgian = digits(8, 8).map((rest) => `+32 4${rest.slice(0, 2)} ${rest.slice(2)}`);
    assertIdempotent(fc.oneof(french, belgian), normalizePhone, 0.5);
  });

  it('for phone numbers shown with formatPhone and typed back', () => {
    fc.assert(
      fc.property(fc.constantFrom('6', '7', '1', '2', '3', '4', '5', '9'), digits(8, 8), (a, b) => {
        const result = normalizePhone(`+33${a}${b}`);
        if (!result.ok) return;
        expect(normalizePhone(formatPhone(result.value))).toEqual(result);
      }),
    );
  });

  it('for SIREN and SIRET', () => {
    const withKey = (body: string): string => {
      for (let key = 0; key <= 9; key++) if (isLuhnValid(body + key)) return body + key;
      throw new Error('unreachable: one Luhn key in ten fits');
    };
    const spaced = (value: string): fc.Arbitrary<string> =>
      fc
        .constantFrom('', ' ', '.', '\u00a0')
        .map((sep) => (value.match(/.{1,3}/g) ?? []).join(sep));
    assertIdempotent(digits(8, 8).map(withKey).chain(spaced), normalizeSiren, 1);
    assertIdempotent(digits(13, 13).map(withKey).chain(spaced), normalizeSiret, 0.9);
    // Any nine digits: one in ten has a right key; all of them are idempotent when accepted.
    assertIdempotent(digits(9, 9), normalizeSiren, 0.03);
  });

  it('for web links', () => {
    assertIdempotent(
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      normalizeUrl,
      0.9,
    );
    const typed = fc
      .tuple(fc.domain(), fc.stringMatching(/^(?:\/[a-zA-Z0-9_-]{0,8}){0,3}$/))
      .map(([domain, path]) => `www.${domain}${path}`)
      .chain(mixedCase);
    assertIdempotent(typed, normalizeUrl, 0.9);
  });

  it('for amounts', () => {
    const typed = fc
      .tuple(
        fc.integer({ min: -99_999_999_999, max: 99_999_999_999 }),
        fc.integer({ min: 0, max: 999 }),
      )
      .chain(([units, thousandths]) =>
        fc.constantFrom(
          `${units},${String(thousandths).padStart(3, '0')} €`,
          `${units}.${String(thousandths).padStart(3, '0')}`,
          `${units} EUR`,
        ),
      );
    assertIdempotent(typed, normalizeMoney, 1);
    assertIdempotent(fc.double({ min: -1e11, max: 1e11, noNaN: true }), normalizeMoney, 1);
  });

  it('for enum values of every schema list', () => {
    const enumFields = TABS.flatMap((tab) => tab.fields).filter(
      (f): f is FieldDef & { values: readonly string[] } => f.type === 'enum' && !!f.values,
    );
    const typed = fc.constantFrom(...enumFields).chain((field) =>
      fc
        .constantFrom(...field.values)
        .chain((value) =>
          fc.constantFrom(
            value,
            value.toUpperCase(),
            value.normalize('NFD').replace(/\p{M}/gu, ''),
          ),
        )
        .map((value) => ({ field, value })),
    );
    fc.assert(
      fc.property(typed, ({ field, value }) => {
        const first = normalizeEnum(value, field.values);
        expect(first.ok).toBe(true);
        if (first.ok) expect(normalizeEnum(first.value, field.values)).toEqual(first);
      }),
    );
  });

  it('for record IDs in ref and id fields', () => {
    const prefixes = TABS.flatMap((tab) => (tab.idPrefix ? [tab.idPrefix] : []));
    const typed = fc
      .tuple(
        fc.constantFrom(...prefixes),
        fc.integer({ min: 1, max: 9_999_999 }),
        fc.constantFrom('-', ' ', '', '_'),
        fc.integer({ min: 0, max: 8 }),
      )
      .chain(([prefix, n, sep, width]) =>
        mixedCase(`${prefix}${sep}${String(n).padStart(width, '0')}`).map((raw) => ({
          prefix,
          n,
          raw,
        })),
      );
    fc.assert(
      fc.property(typed, ({ prefix, n, raw }) => {
        const first = normalizeRecordRef(raw, prefix);
        expect(first).toEqual({ ok: true, value: formatRecordId(prefix, n) });
        if (first.ok) expect(normalizeRecordRef(first.value, prefix)).toEqual(first);
      }),
    );
  });

  it('for percentages, integers, dates and date-times', () => {
    assertIdempotent(fc.double({ min: 0, max: 1, noNaN: true }), normalizePercent, 1);
    assertIdempotent(
      fc.integer({ min: 0, max: 100 }).map((n) => `${n} %`),
      normalizePercent,
      1,
    );
    assertIdempotent(
      fc.integer().map((n) => n.toLocaleString('fr-FR')),
      normalizeInteger,
      1,
    );
    const day = fc.date({
      min: new Date(Date.UTC(1900, 0, 1)),
      max: new Date(Date.UTC(2199, 11, 31)),
      noInvalidDate: true,
    });
    assertIdempotent(
      day.map((d) => d.toISOString().slice(0, 10).split('-').reverse().join('/')),
      normalizeDate,
      1,
    );
    assertIdempotent(
      day.map((d) => d.toISOString().slice(0, 19)),
      normalizeDateTime,
      1,
    );
  });
});

describe('amounts round-trip through the French display format', () => {
  it('for every amount to the cent', () => {
    fc.assert(
      fc.property(fc.integer({ min: -99_999_999_999_99, max: 99_999_999_999_99 }), (cents) => {
        const amount = cents / 100;
        expect(normalizeMoney(formatMoney(amount))).toEqual({ ok: true, value: amount });
      }),
      { numRuns: 1000 },
    );
  });

  it('for amounts with more decimals, once rounded', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (amount) => {
        const stored = normalizeMoney(amount);
        expect(stored.ok).toBe(true);
        if (stored.ok) expect(normalizeMoney(formatMoney(stored.value))).toEqual(stored);
      }),
    );
  });
});

describe('no validator throws, whatever the input', () => {
  const anything = fc.anything({
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withTypedArray: true,
    withSparseArray: true,
    stringUnit: 'binary',
  });
  const lookalike = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.stringMatching(/^[\d\s.,+%€-]{0,20}$/),
    fc.stringMatching(/^\d{1,4}[/.-]\d{1,4}[/.-]\d{1,5}(?: \d{1,2}[:h]\d{0,2})?$/),
    fc.stringMatching(/^[a-zA-Z]{0,4}[-_ ]?\d{0,9}$/),
    fc.stringMatching(/^(?:https?:\/\/)?[a-zé.-]{0,12}(?::\d{0,6})?\/?.{0,6}$/),
    fc.stringMatching(/^[^@\s]{0,8}@{1,2}[a-zé.-]{0,10}$/),
  );
  const input = fc.oneof(anything, lookalike);

  const normalizers: Array<[string, (raw: unknown) => Normalized<unknown>]> = [
    ['text', normalizeText],
    ['email', normalizeEmail],
    ['phone', normalizePhone],
    ['url', normalizeUrl],
    ['siren', normalizeSiren],
    ['siret', normalizeSiret],
    ['integer', normalizeInteger],
    ['number', normalizeNumber],
    ['money', normalizeMoney],
    ['percent', normalizePercent],
    ['date', normalizeDate],
    ['datetime', normalizeDateTime],
    ['boolean', normalizeBoolean],
    ['enum', (raw) => normalizeEnum(raw, ['Oui', 'Non'])],
    ['ref', (raw) => normalizeRecordRef(raw, 'CT', 'Contacts')],
  ];

  it.each(normalizers)('normalize %s answers every input', (_name, normalize) => {
    fc.assert(
      fc.property(input, (raw) => {
        const result = normalize(raw);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });

  it('validateField answers every input for every field of the schema', () => {
    // Every type, including those no schema column uses yet, with and without "required".
    const allTypes: FieldType[] = [
      'id',
      'text',
      'longtext',
      'email',
      'phone',
      'url',
      'siren',
      'siret',
      'integer',
      'number',
      'money',
      'percent',
      'date',
      'datetime',
      'enum',
      'ref',
      'boolean',
    ];
    const fields: FieldDef[] = [
      ...TABS.flatMap((tab) => tab.fields),
      ...allTypes.map((type) => ({ key: type, header: type, type })),
      ...allTypes.map((type) => ({ key: type, header: type, type, required: true })),
    ];
    fc.assert(
      fc.property(fc.constantFrom(...fields), input, (field, raw) => {
        const result = validateField(field, raw);
        if (result.ok) expect(result.value === null || typeof result.value !== 'object').toBe(true);
        else expect(result.message.startsWith(`${field.header} : `)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('validateRecord answers every input', () => {
    const keys = fc.oneof(
      fc.constantFrom(
        ...TABS.flatMap((tab) => tab.fields.map((f) => f.key)),
        '__proto__',
        'constructor',
      ),
      fc.string(),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...TABS),
        fc.oneof(fc.dictionary(keys, input), anything),
        fc.boolean(),
        fc.boolean(),
        (tab, record, partial, allowComputed) => {
          const result = validateRecord(tab, record as Record<string, unknown>, {
            partial,
            allowComputed,
          });
          if (!result.ok) expect(result.errors.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
