/**
 * SIREN, SIRET (La Poste's exception included) and record IDs in `id` and `ref` fields.
 */
import { getTab } from '../../src/core/schema/tabs';
import type { FieldDef, TabKey } from '../../src/core/schema/types';
import {
  isLuhnValid,
  normalizeRecordRef,
  normalizeSiren,
  normalizeSiret,
  validateField,
} from '../../src/core/validation';

function field(tab: TabKey, key: string): FieldDef {
  const found = getTab(tab).fields.find((f) => f.key === key);
  if (!found) throw new Error(`no field ${tab}.${key}`);
  return found;
}

describe('SIREN', () => {
  it.each([
    ['213502388', '213502388'], // Ville de Rennes
    ['217500016', '217500016'], // Ville de Paris
    ['213 502 388', '213502388'],
    ['217.500.016', '217500016'],
    [' 217\u00a0500\u00a0016 ', '217500016'],
    ['356000000', '356000000'], // La Poste: its SIREN keeps a Luhn key
    [213502388, '213502388'], // a number cell
  ])('accepts %p as %p', (raw, siren) => {
    expect(normalizeSiren(raw)).toEqual({ ok: true, value: siren });
  });

  it('puts back the leading zeros a number cell dropped', () => {
    // 000000018 is Luhn-valid; a number cell holds it as 18.
    expect(normalizeSiren(18)).toEqual({ ok: true, value: '000000018' });
  });

  it.each(['213502389', '217500061', '123456789', '356000001'])(
    'refuses %p: check digit wrong',
    (raw) => {
      expect(normalizeSiren(raw)).toEqual({
        ok: false,
        reason: "n'est pas un SIREN valide (9 chiffres, clé de contrôle incorrecte)",
      });
    },
  );

  it.each(['21350238', '2135023888', 'ABC502388', '213-502-38A', '21750001600019', 12.5])(
    'refuses %p: not 9 digits',
    (raw) => {
      expect(normalizeSiren(raw)).toEqual({
        ok: false,
        reason: "n'est pas un SIREN valide (il faut 9 chiffres)",
      });
    },
  );

  it('names the field and quotes the value in its message', () => {
    expect(validateField(field('organisations', 'siren'), '123456789')).toEqual({
      ok: false,
      message:
        "SIREN : « 123456789 » n'est pas un SIREN valide (9 chiffres, clé de contrôle incorrecte).",
    });
    expect(validateField(field('appelsOffres', 'acheteurSiren'), '213 502 388')).toEqual({
      ok: true,
      value: '213502388',
    });
  });
});

describe('SIRET', () => {
  it.each([
    ['21750001600019', '21750001600019'], // Ville de Paris, Hôtel de Ville
    ['217 500 016 00019', '21750001600019'],
    ['35600000000048', '35600000000048'], // La Poste, head office: Luhn key
    // Another La Poste establishment, built to INSEE's rule (digit sum 15, a multiple of 5)
    // and deliberately not Luhn-valid: only La Poste's exception accepts it.
    ['35600000000001', '35600000000001'],
    ['356 000 000 49837', '35600000049837'], // built the same way: digit sum 45
  ])('accepts %p', (raw, siret) => {
    expect(normalizeSiret(raw)).toEqual({ ok: true, value: siret });
  });

  it('really depends on the La Poste rule for La Poste establishments', () => {
    expect(isLuhnValid('35600000000001')).toBe(false);
    expect(isLuhnValid('35600000049837')).toBe(false);
    expect(isLuhnValid('35600000000048')).toBe(true);
  });

  it.each([
    '21750001600018', // Paris with a wrong key
    '21350238800017', // Rennes' SIREN with a NIC whose key is wrong
    '35600000000014', // La Poste: Luhn-valid, but the digit sum (19) is not a multiple of 5
    '35600000000049', // La Poste head office with a wrong last digit
  ])('refuses %p: check digit wrong', (raw) => {
    expect(normalizeSiret(raw)).toEqual({
      ok: false,
      reason: "n'est pas un SIRET valide (14 chiffres, clé de contrôle incorrecte)",
    });
  });

  it('applies the La Poste rule only to La Poste', () => {
    // Digit sum 25, a multiple of 5, but not La Poste's SIREN: only the Luhn key counts.
    expect(normalizeSiret('21750001600012').ok).toBe(false);
  });

  it.each(['217500016', '2175000160001', '217500016000190', 'SIRET'])(
    'refuses %p: not 14 digits',
    (raw) => {
      expect(normalizeSiret(raw).ok).toBe(false);
    },
  );
});

describe('record IDs', () => {
  it.each([
    ['ct-12', 'CT-000012'],
    ['CT-12', 'CT-000012'],
    ['CT 12', 'CT-000012'],
    ['ct000012', 'CT-000012'],
    ['CT-000012', 'CT-000012'],
    [' CT-0000012 ', 'CT-000012'],
    ['CT-1234567', 'CT-1234567'],
  ])('normalises %p to %p', (raw, id) => {
    expect(normalizeRecordRef(raw, 'CT')).toEqual({ ok: true, value: id });
  });

  it.each(['12', 'ORG-12', 'CT-', 'CT-0', 'CT-12a', 'C-T-12', 'CT-1.5', '=CT-12'])(
    'refuses %p for contacts',
    (raw) => {
      expect(normalizeRecordRef(raw, 'CT', 'Contacts')).toEqual({
        ok: false,
        reason: "n'est pas un identifiant de l'onglet Contacts (CT-000123)",
      });
    },
  );

  it('checks a ref against the prefix of the tab it points to', () => {
    const organisation = field('contacts', 'organisationId');
    expect(validateField(organisation, 'org-7')).toEqual({ ok: true, value: 'ORG-000007' });
    expect(validateField(organisation, 'CT-7')).toEqual({
      ok: false,
      message:
        "Organisation : « CT-7 » n'est pas un identifiant de l'onglet Organisations (ORG-000123).",
    });
    expect(validateField(field('taches', 'appelOffreId'), 'ao-3')).toEqual({
      ok: true,
      value: 'AO-000003',
    });
  });

  it("checks an id against its own tab's prefix, found in the schema or given", () => {
    const contactId = field('contacts', 'id');
    expect(validateField(contactId, 'ct-12')).toEqual({ ok: true, value: 'CT-000012' });
    expect(validateField(field('opportunites', 'id'), 'opp-5')).toEqual({
      ok: true,
      value: 'OPP-000005',
    });
    expect(validateField(contactId, 'opp-5').ok).toBe(false);
    // A FieldDef built outside the schema is checked against the tab it is given with.
    const copy: FieldDef = { ...contactId };
    expect(validateField(copy, 'tch-1', { tab: getTab('taches') })).toEqual({
      ok: true,
      value: 'TCH-000001',
    });
  });
});
