import fc from 'fast-check';
import { isEvaluatedBySheets, toCellValue, toSheetText } from '../../src/core/text/sheet-safe';
import { foldText } from '../../src/core/text/fold';

describe('toSheetText', () => {
  it.each(['=IMPORTXML("http://x","//a")', '+33612345678', '-1', '@user', '\t=1'])(
    'quotes %p',
    (text) => {
      expect(toSheetText(text)).toBe(`'${text}`);
    },
  );

  it('leaves ordinary text alone', () => {
    expect(toSheetText('Mairie de Lyon')).toBe('Mairie de Lyon');
  });

  it('never yields a value Sheets would evaluate, and loses no character', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const stored = toSheetText(text);
        return (
          !isEvaluatedBySheets(stored) && stored.endsWith(text) && stored.length - text.length <= 1
        );
      }),
    );
  });

  it('maps absent values to an empty cell and keeps typed values', () => {
    const date = new Date('2026-11-28T10:00:00Z');
    expect(toCellValue(null)).toBe('');
    expect(toCellValue(undefined)).toBe('');
    expect(toCellValue(12)).toBe(12);
    expect(toCellValue(Number.NaN)).toBe('');
    expect(toCellValue(true)).toBe(true);
    expect(toCellValue(date)).toBe(date);
  });
});

describe('foldText', () => {
  it('folds accents, case, ligatures and spaces', () => {
    expect(foldText('  Échéance\u00a0 Cœur_Date ')).toBe('echeance coeur date');
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string(), (s) => foldText(foldText(s)) === foldText(s)));
  });
});
