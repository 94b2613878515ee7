/**
 * ICP scores end to end on dist/Code.js: one organisation rescored after a change, with its
 * reasons and a Journal line per moved score; the bulk rescoring writes each tab once whatever the
 * number of records; opted-out contacts never count.
 */
import type { RecordDto, RescoreReport } from '../../src/server/api/contract';
import { readSheetValues } from '../../src/local/server/sheet-views';
import { prepareWorkbook } from '../../src/local/bench/seed-workbook';
import { callApi, freshRuntime } from './helpers';

function setup() {
  const runtime = freshRuntime({ inMemory: true, now: new Date('2026-11-28T10:00:00Z') });
  callApi(runtime, 'setupStructure');
  const org = callApi<RecordDto>(runtime, 'createRecord', 'organisations', {
    nom: 'Commune de Vannes',
    type: 'Commune',
    siren: '215602608',
    population: 54947,
    epci: 'Golfe du Morbihan - Vannes Agglomération',
    budgetBiodiversite: '20 000 €',
    budgetConfirme: true,
  });
  return { runtime, org, orgId: String(org.id) };
}

describe('ICP scoring', () => {
  it('rescores an organisation and its contacts with reasons, and journals what moved', () => {
    const { runtime, orgId } = setup();
    const contact = callApi<RecordDto>(runtime, 'createRecord', 'contacts', {
      nom: 'Le Goff',
      prenom: 'Annaïg',
      poste: 'Adjointe à l’environnement',
      email: 'a.legoff@example.org',
      organisationId: orgId,
    });
    const report = callApi<RescoreReport>(runtime, 'rescoreOrganisation', orgId);
    expect(report).toEqual({ organisations: 1, contacts: 1, changed: 2 });
    const org = callApi<RecordDto>(runtime, 'getRecord', 'organisations', orgId);
    // fit 20 (≥ 20 000 inhabitants, EPCI), commitment 10, need 4 (November), access 13, relation 0
    expect(org.scoreIcp).toBe(47);
    expect(String(org.detailIcp).split('\n')[0]).toBe(
      'Adéquation 20/20 — Commune de 54\u202f947 habitants (≥ 5\u202f000) : +18 ; Membre de l’EPCI Golfe du Morbihan - Vannes Agglomération : +2',
    );
    expect(callApi<RecordDto>(runtime, 'getRecord', 'contacts', String(contact.id)).scoreIcp).toBe(
      47,
    );
    const journal = readSheetValues(runtime, 'Journal', false) as string[][];
    const header = journal[0] as string[];
    const automatic = journal
      .slice(1)
      .filter((row) => row[header.indexOf('Action')] === 'Automatique')
      .map((row) => `${row[header.indexOf('ID')] ?? ''}|${row[header.indexOf('Champ')]}`);
    expect(automatic).toEqual(
      expect.arrayContaining([`${orgId}|Score ICP`, `${String(contact.id)}|Score ICP`]),
    );
    expect(callApi<RescoreReport>(runtime, 'rescoreOrganisation', orgId).changed).toBe(0);
  });

  it('never counts a contact who opted out', () => {
    const { runtime, orgId } = setup();
    callApi(runtime, 'createRecord', 'contacts', {
      nom: 'Martin',
      poste: 'Maire',
      email: 'maire@example.org',
      optOut: true,
      organisationId: orgId,
    });
    callApi(runtime, 'rescoreOrganisation', orgId);
    const org = callApi<RecordDto>(runtime, 'getRecord', 'organisations', orgId);
    expect(String(org.detailIcp)).toContain('Accès au décideur 0/20');
    expect(String(org.detailIcp)).toContain('opposé au démarchage');
  });

  it('rescores everything with the same Sheets calls at 300 and 900 contacts', () => {
    const calls = [300, 900].map((size) => {
      const runtime = freshRuntime({ inMemory: true, now: new Date('2026-11-28T10:00:00Z') });
      prepareWorkbook(runtime, size);
      const result = runtime.run({ functionName: 'rescoreIcp', kind: 'sidebar' });
      const envelope = result.value as { ok: boolean; data: RescoreReport };
      expect(envelope.ok).toBe(true);
      expect(envelope.data.contacts).toBe(size);
      return result.counts;
    });
    const sheetsCalls = (counts: Record<string, number>) =>
      Object.entries(counts)
        .filter(([name]) => /^(SpreadsheetApp|Spreadsheet|Sheet|Range)\./.test(name))
        .reduce((sum, [, n]) => sum + n, 0);
    expect(sheetsCalls(calls[0] ?? {})).toBe(sheetsCalls(calls[1] ?? {}));
    // Organisations, Contacts and the Journal line: three writes.
    expect(calls[1]?.['Range.setValues']).toBe(3);
  });

  it('has a menu item and a daily job', () => {
    const { runtime } = setup();
    const result = runtime.run({ functionName: 'menuRescoreIcp', kind: 'menu' });
    expect(result.ok).toBe(true);
    expect(result.ui.alerts[0]?.prompt).toContain('1 organisations et 0 contacts notés');
    const report = callApi<{ ran: Array<{ id: string; status: string }> }>(runtime, 'runJobsNow');
    expect(report.ran).toContainEqual(
      expect.objectContaining({ id: 'scores-icp', status: 'done' }),
    );
  });
});
