/**
 * Enum fields (the schema's value lists) and booleans: tolerant matching, canonical values.
 */
import {
  GO_NO_GO,
  PIPELINE_STAGES,
  TASK_STATUSES,
  TENDER_LEVELS,
} from '../../src/core/schema/enums';
import { TABS } from '../../src/core/schema/tabs';
import { choiceKey, normalizeBoolean, normalizeEnum } from '../../src/core/validation';

describe('normalizeEnum', () => {
  it.each([
    ['Négociation', 'Négociation'],
    ['negociation', 'Négociation'],
    ['  NÉGOCIATION ', 'Négociation'],
    ['proposition   envoyée', 'Proposition envoyée'],
    ['Proposition_envoyee', 'Proposition envoyée'],
    ['gagne', 'Gagné'],
  ])('reads the stage %p as %p', (raw, stage) => {
    expect(normalizeEnum(raw, PIPELINE_STAGES)).toEqual({ ok: true, value: stage });
  });

  it('ignores hyphens, apostrophes and ligatures', () => {
    expect(normalizeEnum('no-go', GO_NO_GO)).toEqual({ ok: true, value: 'No go' });
    expect(normalizeEnum('a analyser', GO_NO_GO)).toEqual({ ok: true, value: 'À analyser' });
    expect(normalizeEnum('coeur', TENDER_LEVELS)).toEqual({ ok: true, value: 'Cœur' });
    expect(normalizeEnum('CŒUR', TENDER_LEVELS)).toEqual({ ok: true, value: 'Cœur' });
    expect(normalizeEnum('annulee', TASK_STATUSES)).toEqual({ ok: true, value: 'Annulée' });
  });

  it('lists the allowed values when it refuses', () => {
    expect(normalizeEnum('Signé', PIPELINE_STAGES)).toEqual({
      ok: false,
      reason:
        "n'est pas une valeur permise (Lead, Qualifié, Contacté, En discussion, Proposition envoyée, Négociation, Gagné, Perdu)",
    });
    expect(normalizeEnum('x', [])).toEqual({ ok: false, reason: "n'est pas une valeur permise" });
    expect(normalizeEnum(3, PIPELINE_STAGES).ok).toBe(false);
    expect(normalizeEnum('Gagn', PIPELINE_STAGES).ok).toBe(false);
  });

  it('keeps every value of every schema list distinct once folded', () => {
    for (const tab of TABS) {
      for (const field of tab.fields) {
        const keys = (field.values ?? []).map(choiceKey);
        expect(new Set(keys).size).toBe(keys.length);
      }
    }
  });
});

describe('normalizeBoolean', () => {
  it.each([
    [true, true],
    [false, false],
    ['oui', true],
    ['OUI', true],
    ['Non', false],
    ['vrai', true],
    ['FAUX', false],
    ['true', true],
    ['FALSE', false],
    ['yes', true],
    ['no', false],
    ['1', true],
    ['0', false],
    [1, true],
    [0, false],
    ['x', true],
    ['X', true],
    ['✓', true],
    ['✔', true],
    ['☑', true],
    [' oui ', true],
  ])('reads %p as %p', (raw, value) => {
    expect(normalizeBoolean(raw)).toEqual({ ok: true, value });
  });

  it.each(['peut-être', '2', 2, 'o', 'n', 'ouii', {}, null])('refuses %p', (raw) => {
    expect(normalizeBoolean(raw)).toEqual({
      ok: false,
      reason: "n'est pas une valeur oui / non",
    });
  });
});
