/**
 * The BOAMP watch end to end on dist/Code.js against the sandbox's BOAMP stand-in, which serves
 * real notices: a run adds the relevant ones with their buyers, a second run adds nothing, a run
 * cut short by its time budget resumes where it stopped and ends with the same rows.
 */
import { startSandbox, type SandboxHandle } from '../../src/local/sandbox';
import type { LocalRuntime } from '../../src/local/runtime/runtime';
import { readSheetValues } from '../../src/local/server/sheet-views';
import { callApi, freshRuntime } from './helpers';

let sandbox: SandboxHandle;

beforeAll(async () => {
  sandbox = await startSandbox();
});

afterAll(async () => {
  await sandbox.stop();
});

beforeEach(async () => {
  await sandbox.reset();
});

/** May 2024 in the real notices the stand-in serves. */
const NOW = new Date('2024-05-31T07:00:00Z');

function setup(): LocalRuntime {
  const runtime = freshRuntime({ inMemory: true, now: NOW, sandboxPort: sandbox.port });
  callApi(runtime, 'setupStructure');
  setSetting(runtime, 'boamp.jours_premiere_veille', '365');
  return runtime;
}

function setSetting(runtime: LocalRuntime, key: string, value: string): void {
  runtime.withServices((services) => {
    const sheet = (services.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp)
      .getActiveSpreadsheet()
      .getSheetByName('Parametres') as GoogleAppsScript.Spreadsheet.Sheet;
    const values = sheet.getDataRange().getValues();
    const row = values.findIndex((r) => r[0] === key);
    sheet.getRange(row + 1, 2).setValues([[value]]);
  });
}

function rows(runtime: LocalRuntime, tab: string): Array<Record<string, unknown>> {
  const [header = [], ...data] = readSheetValues(runtime, tab, false) as unknown[][];
  return data.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
}

function watch(runtime: LocalRuntime) {
  const result = runtime.run({ functionName: 'menuRunBoampWatch', kind: 'menu' });
  expect(result.ok).toBe(true);
  return result;
}

describe('BOAMP watch', () => {
  it('adds the relevant notices of the window with their buyers, and nothing twice', () => {
    const runtime = setup();
    const first = watch(runtime);
    expect(first.ui.alerts[0]?.prompt).toMatch(/avis lus \(2023-06-01 → 2024-05-31\)/);
    const tenders = rows(runtime, 'Appels_offres');
    expect(tenders.length).toBeGreaterThan(0);
    for (const t of tenders) {
      expect(['Cœur', 'Adjacent']).toContain(t.Niveau);
      expect(String(t['Mots trouvés'])).not.toBe('');
      expect(String(t.Organisation)).toMatch(/^ORG-\d{6}$/);
    }
    const organisations = rows(runtime, 'Organisations');
    expect(organisations.every((o) => o.Source === 'BOAMP')).toBe(true);
    const before = tenders.length;
    const second = watch(runtime);
    expect(second.ui.alerts[0]?.prompt).toMatch(/, 0 ajoutés/);
    expect(rows(runtime, 'Appels_offres')).toHaveLength(before);
    expect(rows(runtime, 'Journal').filter((j) => j.Action === 'Veille BOAMP')).toHaveLength(2);
  });

  it('resumes a run cut after N notices and ends with the same rows', () => {
    const whole = setup();
    watch(whole);
    const ids = (runtime: LocalRuntime) =>
      rows(runtime, 'Appels_offres')
        .map((t) => String(t.IDWEB))
        .sort();
    const expected = ids(whole);

    const cut = setup();
    setSetting(cut, 'boamp.avis_par_execution', '5');
    let runs = 0;
    let status: string | undefined;
    do {
      cut.setNow(new Date(NOW.getTime() + runs * 3_600_000));
      const report = callApi<{ ran: Array<{ id: string; status: string }> }>(cut, 'runJobsNow');
      status = report.ran.find((r) => r.id === 'veille-boamp')?.status;
      runs += 1;
      if (runs === 1) {
        expect(status).toBe('partial');
        expect(ids(cut).length).toBeLessThanOrEqual(5);
      }
    } while (status === 'partial' && runs < 50);
    expect(status).toBe('done');
    expect(runs).toBeGreaterThanOrEqual(Math.ceil(expected.length / 5));
    expect(ids(cut)).toEqual(expected);
  });

  it('applies a cancellation notice to the tender it cancels and proposes closing its deal', async () => {
    const runtime = setup();
    watch(runtime);
    const [tender] = rows(runtime, 'Appels_offres');
    if (!tender) throw new Error('no tender');
    callApi(runtime, 'decideTender', String(tender.ID), 'Go');
    // Hand-made: the real data holds no cancellation of a notice it also holds.
    await sandbox.control('boamp', 'records', [
      {
        idweb: '24-999991',
        objet: String(tender.Objet),
        nomacheteur: String(tender.Acheteur),
        dateparution: '2024-06-01',
        nature: 'ANNULATION',
        nature_libelle: 'Avis d’annulation',
        annonce_lie: String(tender.IDWEB),
      },
    ]);
    runtime.setNow(new Date('2024-06-01T07:00:00Z'));
    const before = rows(runtime, 'Appels_offres').length;
    watch(runtime);
    const after = rows(runtime, 'Appels_offres');
    expect(after).toHaveLength(before);
    expect(after.find((t) => t.ID === tender.ID)).toMatchObject({
      "État de l'avis": 'Annulé',
      'Avis lié': '24-999991',
    });
    const tasks = rows(runtime, 'Taches').map((t) => String(t.Titre));
    expect(tasks.some((t) => /^Clore l’opportunité OPP-\d{6} : procédure annulée/.test(t))).toBe(
      true,
    );
    expect(
      rows(runtime, 'Journal').some(
        (j) => j.Action === 'Automatique' && j.ID === tender.ID && j.Champ === "État de l'avis",
      ),
    ).toBe(true);
  });

  it('has Claude analyse the new relevant notices, within the per-run limit', () => {
    const runtime = setup();
    setSetting(runtime, 'boamp.analyses_ia_par_execution', '3');
    runtime.withServices(({ PropertiesService }) =>
      PropertiesService.getScriptProperties().setProperty('CLAUDE_API_KEY', 'sk-ant-api03-test'),
    );
    const result = watch(runtime);
    // Only tenders still open are worth the tokens: at most 3 of them.
    const count = Number(/, (\d+) analyses IA,/.exec(result.ui.alerts[0]?.prompt ?? '')?.[1]);
    const tenders = rows(runtime, 'Appels_offres');
    const deadline = (value: unknown): number =>
      Object.prototype.toString.call(value) === '[object Date]'
        ? (value as Date).getTime()
        : Date.parse(String(value));
    const open = tenders.filter((t) => deadline(t['Date limite']) >= NOW.getTime());
    expect(count).toBe(Math.min(3, open.length));
    expect(count).toBeGreaterThan(0);
    const analysed = tenders.filter((t) => String(t['Analyse IA']) !== '');
    expect(analysed.map((t) => t.ID).sort()).toEqual(
      analysed
        .filter((t) => open.includes(t))
        .map((t) => t.ID)
        .sort(),
    );
    expect(analysed).toHaveLength(count);
  });
});
