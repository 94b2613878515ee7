/**
 * "Importer des collectivités cibles" end to end on dist/Code.js: the filtered collectivités land
 * in Organisations with SIREN, population, place and EPCI, scored as the rescoring would score
 * them; a second import adds nothing; a record the user archived never comes back; the filters
 * hold; and twenty rows or 6,700 cost the same Sheets calls.
 */
import type {
  CollectivitesImportReport,
  CollectivitesPreview,
  RecordDto,
  RescoreReport,
} from '../../src/server/api/contract';
import type { LocalRuntime } from '../../src/local/runtime/runtime';
import { readSheetValues } from '../../src/local/server/sheet-views';
import { callApi, freshRuntime } from './helpers';

const NOW = new Date('2026-11-28T10:00:00Z');
const BREST_SIREN = '212900195';
const SHEETS_CALL = /^(SpreadsheetApp|Spreadsheet|Sheet|Range)\./;

function setup(): LocalRuntime {
  const runtime = freshRuntime({ inMemory: true, now: NOW });
  callApi(runtime, 'setupStructure');
  return runtime;
}

/** Organisations as schema-header → value records. */
function organisations(runtime: LocalRuntime): Array<Record<string, unknown>> {
  const [header = [], ...rows] = readSheetValues(runtime, 'Organisations', false) as unknown[][];
  return rows.map((row) => Object.fromEntries(header.map((h, i) => [String(h), row[i]])));
}

function importing(runtime: LocalRuntime, filters: unknown): CollectivitesImportReport {
  return callApi<CollectivitesImportReport>(runtime, 'importCollectivites', filters);
}

/** Sheets calls of one run, by method. */
function sheetsCalls(
  runtime: LocalRuntime,
  name: string,
  filters: unknown,
): Record<string, number> {
  const result = runtime.run({ functionName: name, args: [filters], kind: 'sidebar' });
  expect((result.value as { ok: boolean }).ok).toBe(true);
  return Object.fromEntries(Object.entries(result.counts).filter(([k]) => SHEETS_CALL.test(k)));
}

describe('importCollectivites', () => {
  it('adds the filtered communes and EPCI with SIREN, population, place and EPCI, scored', () => {
    const runtime = setup();
    const filters = { minPopulation: 5000, departements: ['29'], types: ['Commune', 'EPCI'] };
    const preview = callApi<CollectivitesPreview>(runtime, 'previewCollectivites', filters);
    const report = importing(runtime, filters);
    const rows = organisations(runtime);

    expect(report.added).toBe(preview.toAdd);
    expect(report.added).toBe(rows.length);
    expect(report.scored).toBe(report.added);
    expect(report).toMatchObject({ alreadyPresent: 0, firstId: 'ORG-000001' });
    expect(rows.map((r) => r['Département'])).toEqual(rows.map(() => '29'));
    expect(rows.every((r) => Number(r['Population']) >= 5000)).toBe(true);
    expect(new Set(rows.map((r) => r['Région']))).toEqual(new Set(['Bretagne']));
    expect(new Set(rows.map((r) => r['Source']))).toEqual(new Set(['Import']));
    expect(new Set(rows.map((r) => r['État']))).toEqual(new Set(['Actif']));

    const brest = rows.find((r) => r['SIREN'] === BREST_SIREN);
    expect(brest).toMatchObject({
      Nom: 'Brest',
      Type: 'Commune',
      Ville: 'Brest',
      'Code postal': '29200',
      EPCI: 'Brest Métropole',
    });
    expect(brest?.['Population']).toBeGreaterThan(100_000);
    expect(brest?.['Score ICP']).toEqual(expect.any(Number));
    expect(String(brest?.['Détail score ICP'])).toMatch(/^Adéquation 20\/20 — Commune de /);
    expect(rows.find((r) => r['Nom'] === 'Brest Métropole')).toMatchObject({ Type: 'EPCI' });

    const journal = readSheetValues(runtime, 'Journal', false) as unknown[][];
    const last = (journal[journal.length - 1] ?? []).map(String);
    expect(last).toContain('Import');
    expect(last.join(' ')).toContain(`${report.added} ajoutée(s)`);
  });

  it('writes the scores, temperatures and segments the rescoring would write', () => {
    const runtime = setup();
    importing(runtime, { minPopulation: 20_000, regions: ['53'] });
    expect(callApi<RescoreReport>(runtime, 'rescoreIcp').changed).toBe(0);
  });

  it('adds nothing the second time, and never brings back a record the user archived', () => {
    const runtime = setup();
    const filters = { minPopulation: 5000, regions: ['53'] };
    const first = importing(runtime, filters);
    expect(first.added).toBeGreaterThan(50);

    const again = importing(runtime, filters);
    expect(again).toMatchObject({ added: 0, alreadyPresent: first.added, alreadyArchived: 0 });

    const brest = organisations(runtime).find((r) => r['SIREN'] === BREST_SIREN);
    callApi<RecordDto>(runtime, 'archiveRecord', 'organisations', String(brest?.['ID']));
    const afterArchive = importing(runtime, { ...filters, minPopulation: 2000 });
    expect(afterArchive.alreadyArchived).toBe(1);
    expect(afterArchive.added).toBeGreaterThan(0);

    const sirens = organisations(runtime).map((r) => String(r['SIREN']));
    expect(new Set(sirens).size).toBe(sirens.length);
    expect(sirens.filter((s) => s === BREST_SIREN)).toHaveLength(1);
  });

  it('counts a collectivité a user had entered by hand as present', () => {
    const runtime = setup();
    callApi(runtime, 'createRecord', 'organisations', {
      nom: 'Ville de Brest',
      type: 'Commune',
      siren: '212 900 195',
    });
    const report = importing(runtime, { minPopulation: 100_000, departements: ['29'] });
    expect(report.alreadyPresent).toBe(1);
    expect(organisations(runtime).filter((r) => r['SIREN'] === BREST_SIREN)).toHaveLength(1);
  });

  it('keeps to the filters: kinds, région, minimum', () => {
    const runtime = setup();
    importing(runtime, { minPopulation: 50_000, regions: ['52'], types: ['EPCI'] });
    const rows = organisations(runtime);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).toMatchObject({ Type: 'EPCI', Région: 'Pays de la Loire' });
      expect(Number(row['Population'])).toBeGreaterThanOrEqual(50_000);
    }
  });

  it('refuses bad filters with a French message and writes nothing', () => {
    const runtime = setup();
    const result = runtime.run({
      functionName: 'importCollectivites',
      args: [{ minPopulation: 5000, types: [] }],
      kind: 'sidebar',
    });
    expect(result.value).toMatchObject({
      ok: false,
      code: 'VALIDATION',
      message: 'Type : choisissez les communes, les EPCI, ou les deux.',
    });
    expect(organisations(runtime)).toEqual([]);
  });

  it('makes the same Sheets calls for twenty collectivités as for every bundled one', () => {
    const small = { minPopulation: 5000, departements: ['29'], types: ['EPCI'] };
    const everything = { minPopulation: 0 };
    const run = (filters: unknown) => {
      const runtime = setup();
      // Some organisations already there, as in a sheet in use.
      importing(runtime, { minPopulation: 100_000 });
      const preview = sheetsCalls(runtime, 'previewCollectivites', filters);
      const added = callApi<CollectivitesPreview>(runtime, 'previewCollectivites', filters).toAdd;
      return { preview, importCalls: sheetsCalls(runtime, 'importCollectivites', filters), added };
    };
    const a = run(small);
    const b = run(everything);
    expect(a.added).toBeLessThan(25);
    expect(b.added).toBeGreaterThan(6000);
    expect(a.preview).toEqual(b.preview);
    // Growing the grid is one call whatever the number of rows, made only when the rows do not fit.
    const { 'Sheet.insertRowsAfter': grewA = 0, ...restA } = a.importCalls;
    const { 'Sheet.insertRowsAfter': grewB = 0, ...restB } = b.importCalls;
    expect(restA).toEqual(restB);
    expect(grewA).toBeLessThanOrEqual(1);
    expect(grewB).toBeLessThanOrEqual(1);
  });

  it('opens its dialog from the menu', () => {
    const runtime = setup();
    const result = runtime.run({ functionName: 'menuImportCollectivites', kind: 'menu' });
    expect(result.ok).toBe(true);
    expect(result.ui.dialogs).toEqual([
      expect.objectContaining({ kind: 'modal', title: 'Importer des collectivités cibles' }),
    ]);
    expect(result.ui.dialogs[0]?.html).toContain('<html lang="fr">');
  });
});
