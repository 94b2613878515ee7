/**
 * Tenders end to end on dist/Code.js with the sandbox's Claude stand-in, on the demo workbook's
 * five invented notices: the sidebar's list and card, « Analyser avec Claude » writing « Analyse
 * IA » and journaling its tokens, CONFIG without a key; and the BOAMP watch's step
 * (`analyseNewTenders`, a server module, run here against the same workbook) within its limit,
 * its time budget and the monthly budget, collecting per-tender failures without throwing.
 */
import type {
  RecordDto,
  TenderAnalysisResult,
  TenderDecision,
  TenderList,
  TenderView,
} from '../../src/server/api/contract';
import { seedDemoData } from '../../src/local/demo/seed-demo';
import type { LocalRuntime } from '../../src/local/runtime/runtime';
import { readSheetValues } from '../../src/local/server/sheet-views';
import { startSandbox, type SandboxHandle } from '../../src/local/sandbox';
import { analyseNewTenders } from '../../src/server/ai/tender-analysis';
import { callApi, freshRuntime, withAppsScriptGlobals } from './helpers';

// The runtime's clock is the real one: `analyseNewTenders` runs in Node, outside the runtime's
// clock, and the seeder dates the demo from the runtime's today.
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

/** The demo's tenders (tools/make-demo-data.ts). */
const CLOSED_MIEL = 'AO-000001';
const FRELON = 'AO-000002';
const RUCHERS = 'AO-000003';
const ATLAS = 'AO-000004';
const PRAIRIES = 'AO-000005';
const ALL = [CLOSED_MIEL, FRELON, RUCHERS, ATLAS, PRAIRIES];

function setup({ withKey = true } = {}) {
  const runtime = freshRuntime({ inMemory: true, sandboxPort: sandbox.port });
  callApi(runtime, 'setupStructure');
  seedDemoData(runtime);
  runtime.withServices(({ PropertiesService }) => {
    const properties = PropertiesService.getScriptProperties();
    if (withKey) properties.setProperty('CLAUDE_API_KEY', 'sk-ant-api03-test');
    else properties.deleteProperty('CLAUDE_API_KEY');
  });
  return runtime;
}

function journalRows(runtime: LocalRuntime, action: string): Array<Record<string, string>> {
  const values = readSheetValues(runtime, 'Journal', false) as string[][];
  const header = values[0] ?? [];
  return values
    .slice(1)
    .filter((row) => row[header.indexOf('Action')] === action)
    .map((row) => Object.fromEntries(header.map((h, i) => [h, String(row[i] ?? '')])));
}

async function messagesRequests() {
  const requests = await sandbox.requests('api.anthropic.com');
  return requests.filter((r) => r.path.startsWith('/v1/messages'));
}

function envelope(runtime: LocalRuntime, functionName: string, ...args: unknown[]) {
  const result = runtime.run({ functionName, args, kind: 'sidebar' });
  expect(result.ok).toBe(true);
  return result.value as { ok: boolean; code?: string; message?: string };
}

function analyse(runtime: LocalRuntime, ids: readonly string[], limit: number, budgetMs = 270_000) {
  return withAppsScriptGlobals(runtime, () => {
    const app = (
      globalThis as unknown as { SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp }
    ).SpreadsheetApp;
    return analyseNewTenders(app.getActiveSpreadsheet(), ids, limit, Date.now() + budgetMs);
  });
}

const analysisOf = (runtime: LocalRuntime, id: string) =>
  callApi<RecordDto>(runtime, 'getRecord', 'appelsOffres', id).analyseIa;

describe('listTenders and getTender', () => {
  it('lists the open Cœur notices first, then the Adjacent ones, soonest deadline first', () => {
    const runtime = setup();
    const open = callApi<TenderList>(runtime, 'listTenders', {});
    expect(open.tenders.map((t) => [t.id, t.niveau])).toEqual([
      [FRELON, 'Cœur'],
      [RUCHERS, 'Cœur'],
      [ATLAS, 'Adjacent'],
      [PRAIRIES, 'Adjacent'],
    ]);
    expect(open.total).toBe(4);
    expect(open.tenders[1]).toMatchObject({
      idweb: '99-000003',
      acheteur: 'Ville de Saint-Louis',
      decision: null,
      opportuniteId: null,
    });
    expect(open.tenders[1]?.dateLimite).toMatch(/^\d{4}-\d{2}-\d{2}T11:00:00\.000Z$/);

    // « Tous » adds the closed one, after the open notices of its level.
    const all = callApi<TenderList>(runtime, 'listTenders', { scope: 'tous' });
    expect(all.tenders.map((t) => t.id)).toEqual([FRELON, RUCHERS, CLOSED_MIEL, ATLAS, PRAIRIES]);
    expect(all.tenders[2]).toMatchObject({ decision: 'No go' });
  });

  it('gives the card its buyer, its opportunity once Go is decided, and whether Claude has a key', () => {
    const runtime = setup();
    const before = callApi<TenderView>(runtime, 'getTender', RUCHERS.toLowerCase());
    expect(before.tender).toMatchObject({ id: RUCHERS, niveau: 'Cœur', analyseIa: null });
    expect(before.organisation?.nom).toBe('Ville de Saint-Louis');
    expect(before.opportunity).toBeNull();
    expect(before.claudeConfigured).toBe(true);

    const decided = callApi<TenderDecision>(runtime, 'decideTender', RUCHERS, 'Go');
    const after = callApi<TenderView>(runtime, 'getTender', RUCHERS);
    expect(after.opportunity).toEqual({
      id: decided.opportunity?.id,
      titre: decided.opportunity?.titre,
      etape: 'Qualifié',
      montant: 38000,
      organisationId: before.organisation?.id,
      dateLimite: decided.opportunity?.dateLimite,
    });
    expect(envelope(runtime, 'getTender', 'AO-999999')).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('analyseTender', () => {
  it('writes the analysis in « Analyse IA » and journals the tokens and the change', async () => {
    const runtime = setup();
    const result = callApi<TenderAnalysisResult>(runtime, 'analyseTender', RUCHERS);

    expect(result.analysis).toMatchObject({ adequation: 'forte', recommandation: 'Go' });
    expect(result.analysis.resume).toMatch(/^Analyse simulée du mode démo/);
    expect(result.analysis.livrables).toEqual([
      'Lot 1 : Installation et suivi apicole de six ruches sur trois toitures',
      'Lot 2 : Animations pédagogiques autour du rucher dans les écoles',
    ]);
    expect(result.model).toBe('claude-haiku-4-5-20251001');
    expect(result.text).toMatch(/^RÉSUMÉ\n/);
    expect(result.text).toContain('\n\nRECOMMANDATION DE CLAUDE : Go\n\n');
    expect(result.tender.analyseIa).toBe(result.text);
    expect(analysisOf(runtime, RUCHERS)).toBe(result.text);
    // The recommendation is Claude's; the decision stays a person's.
    expect(result.tender.decision).toBeNull();

    const [billed] = journalRows(runtime, 'Claude');
    expect(billed).toMatchObject({ Onglet: 'Appels_offres', ID: RUCHERS });
    expect(billed?.['Détail']).toMatch(
      new RegExp(
        `^Analyse d’appel d’offres — claude-haiku-4-5-20251001 : ${result.usage.inputTokens} jetons en entrée, ${result.usage.outputTokens} en sortie`,
      ),
    );
    expect(journalRows(runtime, 'Automatique')).toEqual([
      expect.objectContaining({ ID: RUCHERS, Champ: 'Analyse IA', 'Nouvelle valeur': result.text }),
    ]);

    const [request] = await messagesRequests();
    const body = JSON.parse(request?.body ?? '{}') as { messages: Array<{ content: string }> };
    const prompt = body.messages[0]?.content ?? '';
    expect(prompt).toContain('<avis_boamp>');
    expect(prompt).toContain('"Date limite": "');
    expect(prompt).toContain('<acheteur_crm>');
    // The buyer's contact stays in the CRM.
    expect(prompt).not.toContain('marches-publics@');
  });

  it('analyses again on demand, replacing the text', () => {
    const runtime = setup();
    const first = callApi<TenderAnalysisResult>(runtime, 'analyseTender', FRELON);
    expect(first.analysis).toMatchObject({ adequation: 'moyenne', recommandation: 'À analyser' });
    expect(first.analysis.argumentsNoGo.join(' ')).toMatch(/Délai court : \d jours?/);
    callApi(runtime, 'updateRecord', 'appelsOffres', FRELON, { duree: '24 mois' });
    const second = callApi<TenderAnalysisResult>(runtime, 'analyseTender', FRELON);
    expect(second.text).toContain('Durée du marché : 24 mois');
    expect(analysisOf(runtime, FRELON)).toBe(second.text);
  });

  it('answers CONFIG « Clé Claude absente — Paramètres » without a key, calling nobody', async () => {
    const runtime = setup({ withKey: false });
    expect(envelope(runtime, 'analyseTender', RUCHERS)).toEqual({
      ok: false,
      code: 'CONFIG',
      message: 'Clé Claude absente — Paramètres',
    });
    expect(callApi<TenderView>(runtime, 'getTender', RUCHERS).claudeConfigured).toBe(false);
    expect(await sandbox.requests('api.anthropic.com')).toEqual([]);
    expect(analysisOf(runtime, RUCHERS)).toBeNull();
  });
});

describe('analyseNewTenders (the BOAMP watch’s step)', () => {
  it('analyses at most `limit` tenders, Cœur first, and never one twice', async () => {
    const runtime = setup();
    const first = analyse(runtime, ALL, 2);
    expect(first).toEqual({ analysed: 2, skipped: 3, errors: [], stopped: null });
    // The closed notice is never paid for; the higher relevance goes first among Cœur.
    expect(analysisOf(runtime, RUCHERS)).toMatch(/^RÉSUMÉ/);
    expect(analysisOf(runtime, FRELON)).toMatch(/^RÉSUMÉ/);
    expect(analysisOf(runtime, ATLAS)).toBeNull();
    expect(analysisOf(runtime, CLOSED_MIEL)).toBeNull();
    expect(await messagesRequests()).toHaveLength(2);
    expect(journalRows(runtime, 'Claude')).toHaveLength(2);

    const second = analyse(runtime, ALL, 10);
    expect(second).toEqual({ analysed: 2, skipped: 3, errors: [], stopped: null });
    expect(analysisOf(runtime, PRAIRIES)).toContain('ADÉQUATION AVEC L’OFFRE UTPLA : FAIBLE');
    expect(analysisOf(runtime, PRAIRIES)).toContain('RECOMMANDATION DE CLAUDE : No go');
    expect(analyse(runtime, ALL, 10)).toEqual({
      analysed: 0,
      skipped: 5,
      errors: [],
      stopped: null,
    });
    expect(await messagesRequests()).toHaveLength(4);
  });

  it('collects a failure per tender and goes on with the next', async () => {
    const runtime = setup();
    // A 400 is final: no retry, so exactly the first tender's call fails.
    await sandbox.injectFault({
      host: 'api.anthropic.com',
      pathPrefix: '/v1/messages',
      status: 400,
    });
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const run = analyse(runtime, [RUCHERS, ATLAS], 5);
    // The execution log gets the failure with its request-id, never the key.
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^Claude : HTTP_4XX .*request-id/));
    expect(JSON.stringify(warn.mock.calls)).not.toContain('sk-ant');
    warn.mockRestore();
    expect(run.analysed).toBe(1);
    expect(run.skipped).toBe(0);
    expect(run.stopped).toBeNull();
    expect(run.errors).toEqual([
      { tenderId: RUCHERS, code: 'HTTP_4XX', message: expect.stringMatching(/Claude/) },
    ]);
    expect(analysisOf(runtime, RUCHERS)).toBeNull();
    expect(analysisOf(runtime, ATLAS)).toMatch(/^RÉSUMÉ/);
  });

  it('stops without throwing: no key, budget spent, or too little time left', async () => {
    const noKey = setup({ withKey: false });
    expect(analyse(noKey, ALL, 5)).toEqual({
      analysed: 0,
      skipped: 5,
      errors: [],
      stopped: 'Clé Claude absente — Paramètres',
    });

    const spent = setup();
    spent.withServices(({ PropertiesService }) => {
      const month = new Intl.DateTimeFormat('sv-SE', {
        timeZone: 'Europe/Paris',
        year: 'numeric',
        month: '2-digit',
      }).format(new Date());
      PropertiesService.getDocumentProperties()?.setProperty(
        `crm.claude.usage.${month}`,
        JSON.stringify({ inputTokens: 999_000, outputTokens: 1_000, calls: 500 }),
      );
    });
    const quota = analyse(spent, ALL, 5);
    expect(quota).toMatchObject({ analysed: 0, skipped: 5, errors: [] });
    expect(quota.stopped).toMatch(/^Budget Claude du mois épuisé/);

    const late = setup();
    const cut = analyse(late, ALL, 5, 30_000);
    expect(cut).toMatchObject({ analysed: 0, skipped: 5, errors: [] });
    expect(cut.stopped).toBe(
      'Analyse IA arrêtée avant la limite de temps : 4 avis à analyser depuis leur fiche (« Analyser avec Claude »).',
    );
    expect(await messagesRequests()).toEqual([]);
  });

  it('does nothing, and opens no Claude client, when no tender needs it', async () => {
    const runtime = setup({ withKey: false });
    expect(analyse(runtime, [CLOSED_MIEL], 5)).toEqual({
      analysed: 0,
      skipped: 1,
      errors: [],
      stopped: null,
    });
    expect(analyse(runtime, [], 5).analysed).toBe(0);
    expect(analyse(runtime, ALL, 0).skipped).toBe(5);
    expect(await sandbox.requests('api.anthropic.com')).toEqual([]);
  });
});
