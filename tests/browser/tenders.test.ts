/**
 * Tenders in the sidebar, on the demo workbook at Google's 300 px: Accueil → Appels d'offres
 * (levels, countdowns, Cœur first), a tender's card, « Analyser avec Claude » (the sandbox's
 * stand-in answers; the text lands in « Analyse IA »), Go with its confirmation, the opportunity
 * it opened and the buyer's card with that opportunity in view. Without a key the card says
 * « Clé Claude absente — Paramètres » next to the button.
 */
import type { FrameLocator, Page } from 'playwright-core';
import type { TenderList, TenderView } from '../../src/server/api/contract';
import {
  callApi,
  expectText,
  recordRuns,
  sheetRecords,
  shot,
  startSession,
  type CrmSession,
  type LocalServer,
  type RunCall,
} from './helpers';

let session: CrmSession;
let server: LocalServer;
let page: Page;
let sidebar: FrameLocator;
let runs: RunCall[];

beforeAll(async () => {
  session = await startSession();
  ({ server, page, sidebar } = session);
  runs = recordRuns(page);
});

afterAll(() => session?.close());

test('list → card → analyse → Go → the opportunity and its organisation', async () => {
  const open = await callApi<TenderList>(server, 'listTenders', {});
  const tender = open.tenders.find((t) => t.niveau === 'Cœur' && /ruchers/.test(t.objet));
  if (!tender) throw new Error('the demo workbook has no open Cœur tender about ruchers');

  await sidebar.locator('#nav-home').click();
  await sidebar.locator('#open-tenders').waitFor();
  await shot(page, 't0-home');
  await sidebar.locator('#open-tenders').click();
  const list = sidebar.locator('[data-testid="tender-list"]');
  await list.waitFor();
  const items = list.locator('.tender-hit');
  expect(await items.count()).toBe(open.tenders.length);
  // Cœur first, each with a countdown; the soonest is under a week, shown as urgent.
  await expectText(items.first().locator('[data-testid="tender-level"]'), 'Cœur');
  const first = items.first().locator('[data-testid="tender-countdown"]');
  expect(await first.textContent()).toMatch(/^J-[1-7]$/);
  expect(await first.getAttribute('class')).toContain('bad');
  await expectText(items.last().locator('[data-testid="tender-level"]'), 'Adjacent');
  await expect(sidebar.locator('#nav-home').getAttribute('aria-current')).resolves.toBe('page');
  await shot(page, 't1-tenders');

  // « Tous » brings the closed notice (No go) in.
  await sidebar.locator('[data-testid="tenders-tous"]').click();
  await expectText(list.locator('[data-testid="tender-decision"]'), 'No go');
  await expectText(list.locator('[data-testid="tender-countdown"]'), 'Clos');
  await sidebar.locator('[data-testid="tenders-ouverts"]').click();
  await list.locator('[data-testid="tender-decision"]').first().waitFor({ state: 'detached' });

  await sidebar.locator(`[data-testid="tender-${tender.id}"]`).click();
  const card = sidebar.locator('[data-testid="tender-card"]');
  await expectText(card.locator('[data-testid="tender-title"]'), tender.objet);
  await expectText(card.locator('[data-testid="card-level"]'), 'Cœur');
  await expectText(card.locator('[data-testid="card-words"]'), 'Mots trouvés : rucher');
  await expectText(card.locator('[data-field="acheteur"]'), tender.acheteur);
  await expectText(card.locator('[data-field="dateLimite"]'), /\d{2}\/\d{2}\/\d{4} 12:00 J-\d+/);
  await expectText(card.locator('[data-field="valeurEstimee"]'), '38\u202f000,00\u00a0€');
  await expectText(card.locator('[data-field="procedure"]'), 'Procédure adaptée');
  await expectText(card.locator('[data-testid="tender-lots"]'), 'Lot 2 : Animations');
  await expectText(card.locator('[data-testid="tender-criteria"]'), 'Valeur technique (60 %)');
  expect(await card.locator('[data-testid="tender-url"]').getAttribute('href')).toMatch(
    /^https:\/\/boamp\.example\.org\//,
  );
  await expectText(card.locator('[data-testid="no-analysis"]'), 'Pas encore d’analyse');
  expect(await card.locator('[data-testid="analysis-config"]').count()).toBe(0);
  await shot(page, 't2-tender-card');

  // « Analyser avec Claude »: the stand-in's answer, drawn as headings and text.
  await card.locator('[data-testid="analyse-tender"]').click();
  const analysis = card.locator('[data-testid="tender-analysis"]');
  await expectText(analysis.locator('.analysis-heading').first(), 'RÉSUMÉ');
  await expectText(analysis.locator('.analysis-heading'), 'RECOMMANDATION DE CLAUDE : Go');
  await expectText(analysis, 'Analyse simulée du mode démo');
  await expectText(card.locator('[data-testid="analysis-model"]'), 'claude-haiku-4-5');
  await expectText(card.locator('[data-testid="analyse-tender"]'), 'Analyser à nouveau');
  expect(await analysis.locator('script, a, img').count()).toBe(0);
  await analysis.scrollIntoViewIfNeeded();
  await shot(page, 't3-tender-analysed');
  const stored = (await sheetRecords(server, 'appelsOffres')).find((t) => t.id === tender.id);
  expect(stored?.analyseIa).toMatch(/^RÉSUMÉ\n/);
  expect(stored?.decision).toBe('');

  // Go asks first; then the opportunity shows, with the way to the buyer's card.
  await card.locator('[data-testid="decide-go"]').click();
  const confirm = card.locator('[data-testid="go-confirm"]');
  await expectText(confirm, `Qualifié chez ${tender.acheteur}`);
  await confirm.scrollIntoViewIfNeeded();
  await shot(page, 't4-go-confirm');
  expect(runs.filter((r) => r.name === 'decideTender')).toEqual([]);
  await card.locator('[data-testid="confirm-go"]').click();
  const opportunity = card.locator('[data-testid="tender-opportunity"]');
  await expectText(opportunity.locator('.stage'), 'Qualifié');
  await expectText(card.locator('[data-testid="current-decision"]'), 'Décision : Go');
  await expectText(
    sidebar.locator('#notice'),
    /^Go : opportunité « .+ » ouverte au stade Qualifié/,
  );
  expect(await card.locator('[data-testid="decide-go"]').isDisabled()).toBe(true);
  await opportunity.scrollIntoViewIfNeeded();
  await shot(page, 't5-go-opportunity');
  expect(runs.filter((r) => r.name === 'decideTender').map((r) => r.args)).toEqual([
    [tender.id, 'Go'],
  ]);

  const view = await callApi<TenderView>(server, 'getTender', tender.id);
  const opportunityId = String(view.opportunity?.id);
  expect(view.tender.decision).toBe('Go');
  await card.locator('[data-testid="open-tender-organisation"]').click();
  await expectText(sidebar.locator('[data-testid="card-title"]'), tender.acheteur);
  expect(await sidebar.locator('[data-testid="card"]').getAttribute('data-id')).toBe(
    view.organisation?.id,
  );
  await sidebar.locator(`[data-testid="opp-${opportunityId}"].highlight`).waitFor();
  await shot(page, 't6-buyer-card');
});

test('without a Claude key the card says so next to the button', async () => {
  const open = await callApi<TenderList>(server, 'listTenders', {});
  const tender = open.tenders.find((t) => t.niveau === 'Adjacent');
  if (!tender) throw new Error('the demo workbook has no open Adjacent tender');
  // The demo has a stand-in key: the server's answers are those of a workbook without one.
  await page.route('**/api/run', async (route) => {
    const body = JSON.parse(route.request().postData() ?? '{}') as { functionName?: string };
    if (body.functionName === 'analyseTender')
      return route.fulfill({
        json: {
          ok: true,
          value: { ok: false, code: 'CONFIG', message: 'Clé Claude absente — Paramètres' },
        },
      });
    if (body.functionName !== 'getTender') return route.continue();
    const response = await route.fetch();
    const run = (await response.json()) as { value: { ok: true; data: TenderView } };
    run.value.data = { ...run.value.data, claudeConfigured: false };
    return route.fulfill({ response, json: run });
  });

  await sidebar.locator('#nav-home').click();
  await sidebar.locator('#open-tenders').click();
  await sidebar.locator(`[data-testid="tender-${tender.id}"]`).click();
  const card = sidebar.locator('[data-testid="tender-card"]');
  await expectText(
    card.locator('.analyse-row [data-testid="analysis-config"]'),
    'Clé Claude absente — Paramètres',
  );
  await card.locator('[data-testid="analyse-tender"]').click();
  await expectText(
    card.locator('[data-testid="analysis-error"]'),
    'Clé Claude absente — Paramètres',
  );
  expect(await card.locator('[data-testid="tender-analysis"]').count()).toBe(0);
  await card.locator('[data-testid="analyse-tender"]').scrollIntoViewIfNeeded();
  await shot(page, 't7-analysis-no-key');
  await page.unroute('**/api/run');
});
