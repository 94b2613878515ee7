import fc from 'fast-check';
import { isEvaluatedBySheets, toCellValue } from '../../src/core/text/sheet-safe';
import { foldText } from '../../src/core/text/fold';

describe('toCellValue', () => {
  it.each(['=IMPORTXML("http://x","//a")', '+33612345678', '-1', '@user'])(
    'flags %p as text Sheets would evaluate',
    (text) => {
      expect(isEvaluatedBySheets(text)).toBe(true);
    },
  );

  it('writes strings unchanged: plain-text columns keep them as text', () => {
    fc.assert(fc.property(fc.string(), (text) => toCellValue(text) === text));
    expect(isEvaluatedBySheets('Mairie de Lyon')).toBe(false);
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

describe('foldText', () => {
  it('folds accents, case and ligatures, upper-case ones included', () => {
    expect(foldText('MAÎTRISE D’ŒUVRE — Écheance')).toBe('maitrise d’oeuvre — echeance');
    expect(foldText('CÆCUM  Nœud')).toBe('caecum noeud');
  });
});
