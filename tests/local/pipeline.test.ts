/**
 * Pipeline moves end to end on dist/Code.js: a new opportunity enters Lead, each rule refuses
 * with its French reason and writes nothing, allowed moves stamp the stage and its history and
 * journal the move, and an edit form cannot skip a rule.
 */
import type { PipelineFigures, RecordDto, StageMoveResult } from '../../src/server/api/contract';
import { readSheetValues } from '../../src/local/server/sheet-views';
import type { LocalRuntime } from '../../src/local/runtime/runtime';
import { callApi, freshRuntime } from './helpers';

interface Failure {
  ok: false;
  code: string;
  message: string;
  fieldErrors?: Array<{ field: string; message: string }>;
}

function refused(runtime: LocalRuntime, name: string, ...args: unknown[]): Failure {
  const result = runtime.run({ functionName: name, args, kind: 'sidebar' });
  const envelope = result.value as Failure | { ok: true };
  expect(envelope.ok).toBe(false);
  return envelope as Failure;
}

function sheetRows(runtime: LocalRuntime, tab: string): string[][] {
  return readSheetValues(runtime, tab, false) as string[][];
}

function setup() {
  const runtime = freshRuntime({ inMemory: true, now: new Date('2026-11-02T09:00:00Z') });
  callApi(runtime, 'setupStructure');
  const org = callApi<RecordDto>(runtime, 'createRecord', 'organisations', {
    nom: 'Commune de Vannes',
    type: 'Commune',
    siren: '215602608',
  });
  const contact = callApi<RecordDto>(runtime, 'createRecord', 'contacts', {
    nom: 'Le Goff',
    prenom: 'Annaïg',
    email: 'a.legoff@example.org',
    organisationId: String(org.id),
  });
  const opp = callApi<RecordDto>(runtime, 'createRecord', 'opportunites', {
    titre: 'Ruches au parc du Golfe',
    organisationId: String(org.id),
    contactId: String(contact.id),
  });
  return { runtime, org, contact, opp, id: String(opp.id) };
}

/** Gives the organisation what Lead → Qualifié needs; scores are written by the ICP job later. */
function qualifyOrganisation(runtime: LocalRuntime, orgId: string, score: number): void {
  runtime.withServices((services) => {
    const sheet = (services.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp)
      .getActiveSpreadsheet()
      .getSheetByName('Organisations') as GoogleAppsScript.Spreadsheet.Sheet;
    const values = sheet.getDataRange().getValues();
    const header = values[0] as string[];
    const row = values.findIndex((r) => r[header.indexOf('ID')] === orgId);
    sheet.getRange(row + 1, header.indexOf('Score ICP') + 1).setValues([[score]]);
    sheet.getRange(row + 1, header.indexOf('Budget confirmé') + 1).setValues([[true]]);
  });
}

describe('pipeline', () => {
  it('starts a new opportunity in Lead with its entry day, history and default probability', () => {
    const { opp } = setup();
    expect(opp).toMatchObject({
      etape: 'Lead',
      etapeDepuis: '2026-11-02',
      historiqueEtapes: '2026-11-02 10:00 Lead',
      probabilite: 0.1,
    });
  });

  it('refuses Lead → Qualifié with the rules that failed, and writes nothing', () => {
    const { runtime, id } = setup();
    const before = sheetRows(runtime, 'Opportunites');
    const journalBefore = sheetRows(runtime, 'Journal').length;
    const failure = refused(runtime, 'moveStage', id, 'Qualifié', null);
    expect(failure.code).toBe('RULE');
    expect(failure.message).toBe(
      'Passage de « Lead » à « Qualifié » refusé :\n' +
        '• Qualifié : le score ICP de l’organisation doit atteindre 70 (score non calculé).\n' +
        '• Qualifié : il faut un budget confirmé (case « Budget confirmé » de l’organisation) ou un appel d’offres ouvert.',
    );
    expect(sheetRows(runtime, 'Opportunites')).toEqual(before);
    expect(sheetRows(runtime, 'Journal')).toHaveLength(journalBefore);
  });

  it('walks an opportunity to Gagné, stamping each stage and journaling each move', () => {
    const { runtime, org, contact, id } = setup();
    qualifyOrganisation(runtime, String(org.id), 82);
    runtime.setNow(new Date('2026-11-05T14:30:00Z'));
    let moved = callApi<StageMoveResult>(runtime, 'moveStage', id, 'Qualifié', null);
    expect(moved).toMatchObject({ from: 'Lead', to: 'Qualifié' });
    expect(moved.opportunity).toMatchObject({ etape: 'Qualifié', etapeDepuis: '2026-11-05' });

    expect(refused(runtime, 'moveStage', id, 'Contacté', null).message).toContain(
      'interaction sortante',
    );
    callApi(runtime, 'logInteraction', {
      contactId: String(contact.id),
      type: 'Appel',
      direction: 'Sortant',
      objet: 'Premier appel',
    });
    runtime.setNow(new Date('2026-11-10T08:00:00Z'));
    callApi(runtime, 'moveStage', id, 'Contacté', null);
    const noAmount = refused(runtime, 'moveStage', id, 'Proposition envoyée', null);
    expect(noAmount.fieldErrors?.map((e) => e.field)).toEqual(['montant']);
    callApi(runtime, 'updateRecord', 'opportunites', id, { montant: '4 800 €' });
    runtime.setNow(new Date('2026-11-20T16:00:00Z'));
    callApi(runtime, 'moveStage', id, 'Proposition envoyée', null);
    runtime.setNow(new Date('2026-11-27T10:00:00Z'));
    moved = callApi<StageMoveResult>(runtime, 'moveStage', id, 'Gagné', null);
    expect(moved.opportunity).toMatchObject({
      etape: 'Gagné',
      probabilite: 1,
      montant: 4800,
      historiqueEtapes:
        '2026-11-02 10:00 Lead\n2026-11-05 15:30 Qualifié\n2026-11-10 09:00 Contacté\n' +
        '2026-11-20 17:00 Proposition envoyée\n2026-11-27 11:00 Gagné',
    });
    expect(refused(runtime, 'moveStage', id, 'Négociation', null).message).toContain('close');

    const journal = sheetRows(runtime, 'Journal');
    const header = journal[0] as string[];
    const moves = journal
      .slice(1)
      .filter((row) => row[header.indexOf('Action')] === 'Changement d’étape')
      .filter((row) => row[header.indexOf('Champ')] === 'Étape')
      .map(
        (row) =>
          `${row[header.indexOf('Ancienne valeur')]}→${row[header.indexOf('Nouvelle valeur')]}`,
      );
    expect(moves).toEqual([
      'Lead→Qualifié',
      'Qualifié→Contacté',
      'Contacté→Proposition envoyée',
      'Proposition envoyée→Gagné',
    ]);
  });

  it('gives the pipeline figures from the stage histories', () => {
    const { runtime, org, id } = setup();
    callApi(runtime, 'createRecord', 'opportunites', {
      titre: 'Parrainage de ruches',
      organisationId: String(org.id),
      montant: 3000,
    });
    runtime.setNow(new Date('2026-11-12T09:00:00Z'));
    callApi(runtime, 'moveStage', id, 'Perdu', 'Pas retenu');
    const figures = callApi<PipelineFigures>(runtime, 'getPipelineFigures');
    const lead = figures.stages.find((s) => s.stage === 'Lead');
    expect(lead).toMatchObject({ count: 1, amount: 3000, weightedAmount: 300, reached: 2 });
    expect(lead?.averageDays).toBe(10);
    expect(figures).toMatchObject({ openCount: 1, winRate: 0 });
  });

  it('checks the rules when an opportunity is created at a later stage', () => {
    const { runtime, org } = setup();
    const before = sheetRows(runtime, 'Opportunites').length;
    const failure = refused(runtime, 'createRecord', 'opportunites', {
      titre: 'Ruches en négociation',
      organisationId: String(org.id),
      etape: 'Négociation',
    });
    expect(failure.code).toBe('RULE');
    expect(failure.message).toContain('Qualifié : le score ICP');
    expect(failure.message).toContain('Proposition envoyée : indiquez d’abord le montant');
    expect(sheetRows(runtime, 'Opportunites')).toHaveLength(before);
    const lost = callApi<RecordDto>(runtime, 'createRecord', 'opportunites', {
      titre: 'Déjà perdue',
      organisationId: String(org.id),
      etape: 'Perdu',
      raisonPerte: 'Marché attribué à un concurrent',
    });
    expect(lost).toMatchObject({ etape: 'Perdu', probabilite: 0 });
  });

  it('needs a reason to lose a deal, and stores it', () => {
    const { runtime, id } = setup();
    const failure = refused(runtime, 'moveStage', id, 'Perdu', '');
    expect(failure.fieldErrors?.map((e) => e.field)).toEqual(['raisonPerte']);
    const moved = callApi<StageMoveResult>(
      runtime,
      'moveStage',
      id,
      'Perdu',
      'Budget reporté à 2028',
    );
    expect(moved.opportunity).toMatchObject({
      etape: 'Perdu',
      raisonPerte: 'Budget reporté à 2028',
      probabilite: 0,
    });
  });

  it('sends a stage typed in the edit form through the same rules', () => {
    const { runtime, id } = setup();
    const failure = refused(runtime, 'updateRecord', 'opportunites', id, {
      etape: 'Proposition envoyée',
      notes: 'Relancer en janvier',
    });
    expect(failure.code).toBe('RULE');
    expect(failure.message).toContain('Les autres modifications ont été enregistrées.');
    const saved = callApi<RecordDto>(runtime, 'getRecord', 'opportunites', id);
    expect(saved).toMatchObject({ etape: 'Lead', notes: 'Relancer en janvier' });
    expect(refused(runtime, 'moveStage', id, 'Gagnée', null).code).toBe('VALIDATION');
  });

  it('finds the opportunity by ID after a user sorted the tab', () => {
    const { runtime, org, id } = setup();
    const second = callApi<RecordDto>(runtime, 'createRecord', 'opportunites', {
      titre: 'Atelier biodiversité',
      organisationId: String(org.id),
    });
    runtime.withServices((services) => {
      const sheet = (services.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp)
        .getActiveSpreadsheet()
        .getSheetByName('Opportunites') as GoogleAppsScript.Spreadsheet.Sheet;
      const values = sheet.getDataRange().getValues();
      const [header, ...rows] = values;
      sheet
        .getRange(1, 1, values.length, (header ?? []).length)
        .setValues([header ?? [], ...rows.reverse()]);
    });
    callApi(runtime, 'moveStage', String(second.id), 'Perdu', 'Pas de budget');
    expect(callApi<RecordDto>(runtime, 'getRecord', 'opportunites', id).etape).toBe('Lead');
    expect(callApi<RecordDto>(runtime, 'getRecord', 'opportunites', String(second.id)).etape).toBe(
      'Perdu',
    );
  });
});
