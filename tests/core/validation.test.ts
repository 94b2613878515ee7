/**
 * validateField and validateRecord: French messages naming the field and quoting the value,
 * empty and required fields, every error of a record at once, unknown and computed keys,
 * partial updates, and the CrmError a refused record becomes.
 */
import { isCrmError } from '../../src/core/errors';
import { getTab } from '../../src/core/schema/tabs';
import type { FieldDef, FieldType, TabKey } from '../../src/core/schema/types';
import {
  toCrmValidationError,
  validateField,
  validateRecord,
  type FieldError,
} from '../../src/core/validation';

function field(tab: TabKey, key: string): FieldDef {
  const found = getTab(tab).fields.find((f) => f.key === key);
  if (!found) throw new Error(`no field ${tab}.${key}`);
  return found;
}

const contacts = getTab('contacts');
const opportunites = getTab('opportunites');

describe('validateField', () => {
  it('names the field by its French header and quotes the refused value', () => {
    expect(validateField(field('contacts', 'email'), 'jean@@x')).toEqual({
      ok: false,
      message: "Email : « jean@@x » n'est pas une adresse email valide.",
    });
    expect(validateField(field('contacts', 'telephone'), '06 12')).toEqual({
      ok: false,
      message: "Téléphone : « 06 12 » n'est pas un numéro de téléphone valide.",
    });
    expect(validateField(field('opportunites', 'montant'), 'mille euros')).toEqual({
      ok: false,
      message: "Montant : « mille euros » n'est pas un montant valide.",
    });
  });

  it.each([undefined, null, '', '   ', '\u00a0\t\n'])('reads %p as no value', (raw) => {
    expect(validateField(field('contacts', 'email'), raw)).toEqual({ ok: true, value: null });
  });

  it.each([undefined, null, '', '  '])('refuses %p in a required field', (raw) => {
    expect(validateField(field('contacts', 'nom'), raw)).toEqual({
      ok: false,
      message: 'Nom : ce champ est obligatoire.',
    });
  });

  it('quotes long, multi-line and non-text values readably', () => {
    const long = validateField(field('contacts', 'email'), `${'a'.repeat(100)}\n@x`);
    expect(long.ok ? '' : long.message).toBe(
      `Email : « ${'a'.repeat(59)}… » n'est pas une adresse email valide (elle contient un espace).`,
    );
    const object = validateField(field('contacts', 'email'), { email: 'x' });
    expect(object.ok ? '' : object.message).toBe(
      'Email : « {"email":"x"} » n\'est pas une adresse email valide.',
    );
    const date = validateField(field('taches', 'echeance'), new Date(Date.UTC(2026, 2, 5)));
    expect(date.ok ? '' : date.message).toBe(
      "Échéance : « 2026-03-05T00:00:00.000Z » n'est pas une date valide (jj/mm/aaaa).",
    );
  });

  it('returns the stored form of each type', () => {
    const cases: Array<[FieldType, unknown, unknown]> = [
      ['text', '  Mairie  ', 'Mairie'],
      ['email', 'Jean@X.FR', 'jean@x.fr'],
      ['phone', '06 12 34 56 78', '+33612345678'],
      ['url', 'www.x.fr', 'https://www.x.fr'],
      ['siren', '213 502 388', '213502388'],
      ['siret', '217 500 016 00019', '21750001600019'],
      ['integer', '12 500', 12500],
      ['number', '3,5', 3.5],
      ['money', '1 234,56 €', 1234.56],
      ['percent', '40 %', 0.4],
      ['date', '05/03/2026', '2026-03-05'],
      ['datetime', '05/03/2026 14h30', '2026-03-05T14:30:00'],
      ['datetime', '2026-03-05T14:30:00+01:00', '2026-03-05T14:30:00+01:00'],
      ['boolean', 'oui', true],
    ];
    for (const [type, raw, value] of cases) {
      expect([type, validateField({ key: 'k', header: 'K', type }, raw)]).toEqual([
        type,
        { ok: true, value },
      ]);
    }
    expect(validateField(field('opportunites', 'etape'), 'negociation')).toEqual({
      ok: true,
      value: 'Négociation',
    });
    expect(validateField(field('opportunites', 'organisationId'), 'org-3')).toEqual({
      ok: true,
      value: 'ORG-000003',
    });
  });

  it('keeps formula-like text as typed in text fields', () => {
    for (const text of ['=SUM(A1:A9)', '+33 6 12', '-1', '@here']) {
      expect(validateField(field('contacts', 'notes'), text)).toEqual({ ok: true, value: text });
    }
  });
});

describe('validateRecord', () => {
  it('normalises a valid new record and fills the fields not given with null', () => {
    const result = validateRecord(
      contacts,
      { nom: ' Dupont ', prenom: 'Jeanne', email: 'Jeanne.Dupont@Rennes.fr', optOut: 'non' },
      { partial: false },
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.record).toMatchObject({
      nom: 'Dupont',
      prenom: 'Jeanne',
      email: 'jeanne.dupont@rennes.fr',
      optOut: false,
      telephone: null,
      organisationId: null,
    });
    // Computed fields are the CRM's: not in a record built from user input.
    expect(result.record).not.toHaveProperty('id');
    expect(result.record).not.toHaveProperty('scoreIcp');
  });

  it('returns every error at once, in the order of the form', () => {
    const result = validateRecord(
      opportunites,
      {
        titre: '',
        organisationId: 'ct-1',
        etape: 'Signé',
        montant: '12 000 €',
        probabilite: '150 %',
        dateLimite: '31/02/2026',
      },
      { partial: false },
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        { field: 'titre', message: 'Titre : ce champ est obligatoire.' },
        {
          field: 'organisationId',
          message:
            "Organisation : « ct-1 » n'est pas un identifiant de l'onglet Organisations (ORG-000123).",
        },
        {
          field: 'etape',
          message:
            "Étape : « Signé » n'est pas une valeur permise (Lead, Qualifié, Contacté, En discussion, Proposition envoyée, Négociation, Gagné, Perdu).",
        },
        {
          field: 'probabilite',
          message: "Probabilité : « 150 % » n'est pas un pourcentage entre 0 et 100 %.",
        },
        {
          field: 'dateLimite',
          message: "Date limite : « 31/02/2026 » n'est pas une date qui existe.",
        },
      ],
    });
  });

  it('requires the required fields of a new record', () => {
    const result = validateRecord(contacts, {}, { partial: false });
    expect(result).toEqual({
      ok: false,
      errors: [{ field: 'nom', message: 'Nom : ce champ est obligatoire.' }],
    });
  });

  it('refuses unknown keys, naming them', () => {
    const result = validateRecord(
      contacts,
      { nom: 'Dupont', Email: 'x@y.fr', mobile: '06' },
      { partial: false },
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        { field: 'Email', message: "Champ inconnu « Email » dans l'onglet Contacts." },
        { field: 'mobile', message: "Champ inconnu « mobile » dans l'onglet Contacts." },
      ],
    });
  });

  it('refuses computed fields unless the server allows them', () => {
    const input = { nom: 'Dupont', scoreIcp: 80, id: 'CT-000001' };
    expect(validateRecord(contacts, input, { partial: false })).toEqual({
      ok: false,
      errors: [
        { field: 'id', message: 'ID : ce champ est rempli par le CRM et ne peut pas être saisi.' },
        {
          field: 'scoreIcp',
          message: 'Score ICP : ce champ est rempli par le CRM et ne peut pas être saisi.',
        },
      ],
    });
    const allowed = validateRecord(contacts, input, { partial: false, allowComputed: true });
    expect(allowed.ok && allowed.record).toMatchObject({ id: 'CT-000001', scoreIcp: 80 });
    const badId = validateRecord(
      contacts,
      { ...input, id: 'ORG-1' },
      { partial: false, allowComputed: true },
    );
    expect(badId.ok).toBe(false);
  });

  describe('partial (an update)', () => {
    it('validates only the keys given and does not require the others', () => {
      expect(validateRecord(contacts, { email: 'X@Y.fr' }, { partial: true })).toEqual({
        ok: true,
        record: { email: 'x@y.fr' },
      });
      expect(validateRecord(contacts, {}, { partial: true })).toEqual({ ok: true, record: {} });
    });

    it('clears an optional field with an empty value', () => {
      expect(validateRecord(contacts, { telephone: '' }, { partial: true })).toEqual({
        ok: true,
        record: { telephone: null },
      });
      expect(validateRecord(contacts, { telephone: null }, { partial: true })).toEqual({
        ok: true,
        record: { telephone: null },
      });
    });

    it('refuses clearing a required field', () => {
      for (const empty of ['', null, '  ']) {
        expect(validateRecord(contacts, { nom: empty }, { partial: true })).toEqual({
          ok: false,
          errors: [{ field: 'nom', message: 'Nom : ce champ est obligatoire.' }],
        });
      }
    });

    it('treats a key set to undefined as not given', () => {
      expect(validateRecord(contacts, { nom: undefined }, { partial: true })).toEqual({
        ok: true,
        record: {},
      });
    });

    it('still refuses unknown and computed keys', () => {
      const result = validateRecord(contacts, { temperature: 'Chaud', x: 1 }, { partial: true });
      expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual(['temperature', 'x']);
    });
  });

  it('answers input that is not a record with an error instead of throwing', () => {
    for (const input of [null, 'nom=Dupont', ['Dupont'], 42, new Date(0)]) {
      const result = validateRecord(contacts, input as unknown as Record<string, unknown>, {
        partial: false,
      });
      expect(result).toEqual({
        ok: false,
        errors: [{ field: '', message: 'Fiche Contacts invalide.' }],
      });
    }
  });

  it('ignores inherited properties and is not fooled by a "__proto__" key', () => {
    const input = JSON.parse('{"nom":"Dupont","__proto__":{"scoreIcp":99}}') as Record<
      string,
      unknown
    >;
    const result = validateRecord(contacts, input, { partial: true });
    expect(result).toEqual({
      ok: false,
      errors: [
        { field: '__proto__', message: "Champ inconnu « __proto__ » dans l'onglet Contacts." },
      ],
    });
    const inherited = Object.create({ email: 'x@y.fr' }) as Record<string, unknown>;
    expect(validateRecord(contacts, inherited, { partial: true })).toEqual({
      ok: true,
      record: {},
    });
  });

  it('keeps formula-like text as typed through a whole record', () => {
    const result = validateRecord(
      contacts,
      { nom: '=IMPORTXML("http://evil","//a")', poste: '+ Directeur', notes: '@todo' },
      { partial: true },
    );
    expect(result).toEqual({
      ok: true,
      record: { nom: '=IMPORTXML("http://evil","//a")', poste: '+ Directeur', notes: '@todo' },
    });
  });
});

describe('toCrmValidationError', () => {
  const errors: FieldError[] = [
    { field: 'nom', message: 'Nom : ce champ est obligatoire.' },
    { field: 'email', message: "Email : « x » n'est pas une adresse email valide." },
  ];

  it('lists every message, the first first, and carries the first field and all errors', () => {
    const error = toCrmValidationError(errors);
    expect(isCrmError(error)).toBe(true);
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toBe(
      "Nom : ce champ est obligatoire.\nEmail : « x » n'est pas une adresse email valide.",
    );
    expect(error.field).toBe('nom');
    expect(error.fieldErrors).toEqual(errors);
  });

  it('works from a refused record', () => {
    const result = validateRecord(contacts, { email: 'jean@@x' }, { partial: true });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const error = toCrmValidationError(result.errors);
    expect(error.message).toBe("Email : « jean@@x » n'est pas une adresse email valide.");
    expect(error.field).toBe('email');
  });

  it('still gives a message for an empty list or a record-level error', () => {
    expect(toCrmValidationError([]).message).toBe('Les données saisies ne sont pas valides.');
    expect(toCrmValidationError([{ field: '', message: 'Fiche invalide.' }]).field).toBeUndefined();
  });
});
